package io.ringmaster.module.api;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting, so that no value (a VM name such as {@code '; rm -rf /}) can change a command's structure. */
public final class Shell {
    private Shell() {
    }

    /** Quotes one word for {@code /bin/sh}: safe words stay as they are, others are single-quoted. */
    public static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** Quotes every word of an argv and joins them with spaces. */
    public static String join(List<String> argv) {
        return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
