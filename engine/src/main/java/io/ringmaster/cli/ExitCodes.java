package io.ringmaster.cli;

/** Exit codes, as ansible-playbook's, plus 8 for the CI drift gate. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int HOST_FAILED = 2;
    public static final int HOST_UNREACHABLE = 3;
    public static final int PLAYBOOK_ERROR = 4;
    public static final int BAD_OPTIONS = 5;
    public static final int CHANGES_SEEN = 8;
    public static final int INTERRUPTED = 99;
    public static final int UNEXPECTED = 250;

    private ExitCodes() {}
}
