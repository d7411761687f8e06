package io.ringmaster.connection;

import java.util.List;

/** Linux signal numbers and names, for reporting how a command was killed. */
public final class Signals {
    private static final List<String> NAMES =
            List.of(
                    "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
                    "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP",
                    "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO",
                    "PWR", "SYS");

    /**
     * The exit code reported for a command killed at its timeout, as coreutils {@code timeout}
     * does.
     */
    public static final int TIMEOUT_RC = io.ringmaster.module.api.ExecResult.TIMEOUT_RC;

    private Signals() {}

    /** The name ({@code KILL}) of signal {@code number}, or null when it is not a signal number. */
    public static String name(int number) {
        return number >= 1 && number <= NAMES.size() ? NAMES.get(number - 1) : null;
    }

    /** The number of signal {@code name} ({@code KILL} or {@code SIGKILL}), or -1. */
    public static int number(String name) {
        String n = name.startsWith("SIG") ? name.substring(3) : name;
        int i = NAMES.indexOf(n);
        return i < 0 ? -1 : i + 1;
    }

    /** The signal name a shell-style exit code 128+N stands for, or null. */
    public static String fromShellExitCode(int rc) {
        return rc > 128 ? name(rc - 128) : null;
    }

    /** The shell-style exit code 128+N for signal {@code name}, or 255 when the name is unknown. */
    public static int shellExitCode(String name) {
        int n = number(name);
        return n < 0 ? 255 : 128 + n;
    }
}
