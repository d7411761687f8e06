package io.ringmaster.e2e;

import io.ringmaster.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real command line in-process, with the real modules, and keeps what it printed. */
final class Cli {
    private Cli() {}

    record Run(int code, String out, String err) {
        /**
         * The PLAY RECAP line of {@code host}: ok, changed, unreachable, failed, skipped, rescued,
         * ignored.
         */
        int[] recap(String host) {
            Matcher m =
                    Pattern.compile(
                                    Pattern.quote(host)
                                            + "\\s*: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)"
                                            + "\\s+failed=(\\d+)\\s+skipped=(\\d+)\\s+rescued=(\\d+)\\s+ignored=(\\d+)")
                            .matcher(out);
            if (!m.find()) {
                throw new AssertionError("no recap line for " + host + " in:\n" + this);
            }
            int[] n = new int[7];
            for (int i = 0; i < 7; i++) {
                n[i] = Integer.parseInt(m.group(i + 1));
            }
            return n;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code playbooks/examples/NAME}, found from the module's directory upwards. */
    static Path example(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("playbooks/examples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "playbooks/examples not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("playbooks/examples").resolve(name);
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
