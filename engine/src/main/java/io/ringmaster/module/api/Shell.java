package io.ringmaster.module.api;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting and word splitting, so that no value (a VM name such as {@code '; rm -rf /})
 * can change a command's structure.
 */
public final class Shell {
    /** A word the shell takes as it is (compiled once: every command of a run is quoted). */
    private static final java.util.regex.Pattern PLAIN =
            java.util.regex.Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {}

    /**
     * Quotes one word for {@code /bin/sh}: safe words stay as they are, others are single-quoted.
     */
    public static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** Quotes every word of an argv and joins them with spaces. */
    public static String join(List<String> argv) {
        return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }

    /**
     * Splits a line into words as Python's {@code shlex.split} does (POSIX mode), which is what
     * Ansible uses for a {@code command} line and an INI host line: whitespace separates words,
     * single quotes keep everything literal, double quotes keep everything but {@code \"} and
     * {@code \\}, and a backslash outside quotes escapes the next character. With {@code comments},
     * a {@code #} outside quotes ends the line. Nothing else is special: {@code |}, {@code ;},
     * {@code $(...)} and {@code *} are ordinary characters.
     *
     * @throws IllegalArgumentException for an unclosed quote or a trailing backslash; the message
     *     says which
     */
    public static List<String> split(String line, boolean comments) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (comments && c == '#') {
                break;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException(
                            "no closing quotation for the ' at character " + (i + 1));
                }
                word.append(line, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException(
                            "no escaped character after the trailing backslash");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Appends the double-quoted text starting at {@code open} and returns the index after its
     * closing quote.
     */
    private static int doubleQuoted(String line, int open, StringBuilder word) {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\'
                    && i + 1 < line.length()
                    && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException(
                "no closing quotation for the \" at character " + (open + 1));
    }
}
