package io.ringmaster.inventory;

import java.util.regex.Pattern;

/**
 * Translates a shell glob to a regular expression as Python's {@code fnmatch.translate}: *, ?,
 * [seq], [!seq].
 */
final class Glob {
    private Glob() {}

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < n && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < n && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String stuff = glob.substring(i, j);
                    boolean negated = stuff.startsWith("!");
                    stuff =
                            (negated ? stuff.substring(1) : stuff)
                                    .replace("\\", "\\\\")
                                    .replace("[", "\\[")
                                    .replace("]", "\\]")
                                    .replace("&", "\\&")
                                    .replace("^", "\\^");
                    i = j + 1;
                    re.append('[').append(negated ? "^" : "").append(stuff).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
