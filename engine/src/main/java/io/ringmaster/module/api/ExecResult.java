package io.ringmaster.module.api;

import java.util.List;

/**
 * A finished remote command. {@code signal} is the signal name when the command was killed, else null.
 */
public record ExecResult(int rc, String stdout, String stderr, String signal) {

    public boolean ok() {
        return rc == 0;
    }

    public List<String> stdoutLines() {
        return stdout.isEmpty() ? List.of() : List.of(stdout.split("\r?\n", -1)).subList(0, trimmedLineCount(stdout));
    }

    private static int trimmedLineCount(String s) {
        String[] parts = s.split("\r?\n", -1);
        int n = parts.length;
        while (n > 0 && parts[n - 1].isEmpty()) {
            n--;
        }
        return n;
    }
}
