package io.ringmaster.module.api;

import java.util.List;

/**
 * A finished remote command. {@code signal} is the signal name when the command was killed, else
 * null.
 */
public record ExecResult(int rc, String stdout, String stderr, String signal) {

    /** The exit code of a command killed at its timeout, as coreutils {@code timeout} gives it. */
    public static final int TIMEOUT_RC = 124;

    /** The line a connection adds to stderr when it killed a command at its timeout. */
    public static final String TIMED_OUT = "ringmaster: timed out after ";

    public boolean ok() {
        return rc == 0;
    }

    /**
     * True when the command was killed because it outlived its timeout (the stderr says after how
     * long).
     */
    public boolean timedOut() {
        return rc == TIMEOUT_RC && stderr.contains(TIMED_OUT);
    }

    /**
     * The timeout line of a timed-out command ({@code timed out after 5s ...}), or an empty string.
     */
    public String timeoutMessage() {
        int at = stderr.lastIndexOf(TIMED_OUT);
        return timedOut() && at >= 0 ? stderr.substring(at + "ringmaster: ".length()).strip() : "";
    }

    public List<String> stdoutLines() {
        return stdout.isEmpty()
                ? List.of()
                : List.of(stdout.split("\r?\n", -1)).subList(0, trimmedLineCount(stdout));
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
