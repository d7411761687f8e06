package io.ringmaster.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks a --json/--junit path before the run, so a typo does not cost a whole fleet run. */
final class ReportPaths {
    private ReportPaths() {}

    /** Why the report cannot be written there, or null when it can. */
    static String problem(Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return "report path " + file + " is a directory; give a file name";
        }
        Path dir = abs.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null
                || !Files.isDirectory(dir)
                || !Files.isWritable(dir)
                || abs.startsWith("/proc")
                || abs.startsWith("/sys")) {
            return "cannot write report "
                    + file
                    + ": "
                    + (dir == null ? "no such directory" : dir + " is not writable");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            return "cannot write report " + file + ": the file is not writable";
        }
        return null;
    }
}
