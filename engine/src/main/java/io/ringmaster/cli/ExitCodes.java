package io.ringmaster.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exit codes, as ansible-playbook's, plus 8 for the CI drift gate; {@link #described()} is what
 * {@code ringmaster play --help} lists and what ExitCodesTest finds in the README's table, so the
 * numbers and their meaning are written here only.
 */
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

    private static final Object[][] MEANINGS = {
        {OK, "every host ok"},
        {HOST_FAILED, "a host failed"},
        {HOST_UNREACHABLE, "a host was unreachable (and none failed)"},
        {PLAYBOOK_ERROR, "playbook, inventory or template error: nothing was run"},
        {BAD_OPTIONS, "bad command-line options"},
        {CHANGES_SEEN, "--assert-no-changes saw a change"},
        {INTERRUPTED, "interrupted"},
        {UNEXPECTED, "unexpected error (a bug: the only case with a stack trace)"},
    };

    /** Each code, as text, with what it means, in order: picocli's exit code list. */
    public static Map<String, String> described() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Object[] e : MEANINGS) {
            m.put(String.valueOf(e[0]), (String) e[1]);
        }
        return m;
    }
}
