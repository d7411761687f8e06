package io.ringmaster.builtin.command;

import io.ringmaster.module.api.Shell;

/**
 * Shell words for paths the remote shell should resolve: everything is quoted except a leading
 * {@code ~/} (so it expands to the remote user's home, as Ansible's {@code expanduser} does) and,
 * in patterns, the glob characters {@code *} and {@code ?} (Ansible checks {@code creates}/{@code
 * removes} with {@code glob}). No other expansion can happen: {@code $(...)}, {@code ;} and spaces
 * stay literal.
 */
final class RemotePaths {
    private RemotePaths() {}

    /** A path as one shell word with only a leading {@code ~} or {@code ~/} left to expand. */
    static String path(String path) {
        if (path.equals("~")) {
            return "~";
        }
        if (path.startsWith("~/")) {
            return "~/" + (path.length() > 2 ? Shell.quote(path.substring(2)) : "");
        }
        return Shell.quote(path);
    }

    /**
     * A glob pattern as one shell word: literal parts quoted, {@code *} and {@code ?} left bare.
     */
    static String pattern(String pattern) {
        String prefix = "";
        String body = pattern;
        if (pattern.startsWith("~/")) {
            prefix = "~/";
            body = pattern.substring(2);
        }
        StringBuilder out = new StringBuilder(prefix);
        StringBuilder literal = new StringBuilder();
        for (char c : body.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    out.append(Shell.quote(literal.toString()));
                    literal.setLength(0);
                }
                out.append(c);
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0 || out.length() == 0) {
            out.append(Shell.quote(literal.toString()));
        }
        return out.toString();
    }

    /**
     * A shell condition that is true when something matches {@code pattern} (a broken symlink
     * counts, as with Python's {@code glob}).
     */
    static String existsTest(String pattern) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            String p = path(pattern);
            return "{ [ -e " + p + " ] || [ -L " + p + " ]; }";
        }
        return "{ set -- " + pattern(pattern) + "; [ -e \"$1\" ] || [ -L \"$1\" ]; }";
    }
}
