package io.ringmaster.connection;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.Shell;
import java.time.Duration;

/**
 * Bounding a remote command on the host itself: coreutils {@code timeout} runs the user's shell in
 * a process group of its own and, at the bound, sends TERM to the whole group and KILL two seconds
 * later, so nothing the command started (a hung {@code virsh}, a {@code sleep}) is left running.
 * The controller waits a little longer ({@link #BACKSTOP}) in case the host itself stops answering.
 */
public final class Timeouts {
    /**
     * How much longer than the bound the controller waits before it gives up on the host's answer.
     */
    public static final Duration BACKSTOP = Duration.ofSeconds(10);

    private static final int KILL_AFTER_S = 2;

    private Timeouts() {}

    /**
     * {@code command} wrapped so that the host kills it and its process group after {@code
     * timeout}.
     */
    public static String bounded(String command, Duration timeout) {
        long ms = Math.max(1, timeout.toMillis());
        return "exec timeout -k "
                + KILL_AFTER_S
                + "s "
                + ms / 1000
                + "."
                + String.valueOf(1000 + ms % 1000).substring(1) // 3 digits, no Formatter per exec
                + "s \"$SHELL\" -c "
                + Shell.quote(command);
    }

    /**
     * True when exit code {@code rc} after {@code elapsedNanos} is {@code timeout}'s own (TERM or
     * KILL at the bound).
     */
    public static boolean hitBound(int rc, long elapsedNanos, Duration timeout) {
        return (rc == ExecResult.TIMEOUT_RC || rc == 137)
                && elapsedNanos >= timeout.toNanos() * 99 / 100;
    }

    /**
     * The result of a command killed at its bound: exit 124, stderr ending with what timed out
     * where.
     */
    public static ExecResult timedOut(
            String out, String err, Duration timeout, String host, String command, String how) {
        String what = command.strip().replaceAll("\\s+", " ");
        what = what.length() > 80 ? what.substring(0, 77) + "..." : what;
        String line =
                ExecResult.TIMED_OUT
                        + seconds(timeout)
                        + " on "
                        + host
                        + " (running: "
                        + what
                        + "); "
                        + how
                        + ". Raise the task's 'timeout:' if it needs longer\n";
        return new ExecResult(
                ExecResult.TIMEOUT_RC,
                out,
                err + (err.isEmpty() || err.endsWith("\n") ? "" : "\n") + line,
                "KILL");
    }

    /** {@code 5s} or {@code 1500ms}. */
    public static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
