package io.ringmaster.error;

import java.nio.file.Path;

/**
 * Where something was written: file, 1-based line and column. {@code line == 0} means the whole
 * file.
 */
public record Position(Path file, int line, int column) {

    public static Position of(Path file) {
        return new Position(file, 0, 0);
    }

    @Override
    public String toString() {
        String f = file == null ? "<input>" : displayPath(file);
        return line <= 0 ? f : f + ":" + line + ":" + column;
    }

    private static String displayPath(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
