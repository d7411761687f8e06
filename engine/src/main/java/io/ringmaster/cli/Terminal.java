package io.ringmaster.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** What the CLI asks of the terminal: whether to colour, and secrets typed without echo. */
final class Terminal {
    private Terminal() {}

    /** Colour only on a terminal, and never when NO_COLOR is set or TERM is dumb. */
    static boolean colour() {
        String term = System.getenv("TERM");
        return System.console() != null
                && System.getenv("NO_COLOR") == null
                && !"dumb".equals(term);
    }

    static char[] secret(String prompt) {
        if (System.console() != null) {
            char[] s = System.console().readPassword("%s", prompt);
            return s == null ? new char[0] : s;
        }
        try {
            String line =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                            .readLine();
            return line == null ? new char[0] : line.toCharArray();
        } catch (IOException e) {
            return new char[0];
        }
    }
}
