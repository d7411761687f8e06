package io.ringmaster.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits an INI host line as Python's {@code shlex.split(line, comments=True)} does (POSIX mode): words
 * separated by blanks, {@code '...'} literal, {@code "..."} with backslash escapes of {@code \ " $ `},
 * a backslash outside quotes escaping the next character, and {@code #} outside quotes starting a comment.
 */
final class ShellWords {
    private ShellWords() {
    }

    /** The words, or empty when a quotation is not closed. */
    static Optional<List<String>> split(String line) {
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
            } else if (c == '#') {
                break;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    return Optional.empty();
                }
                word.append(line, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                if (i < 0) {
                    return Optional.empty();
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
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
        return Optional.of(words);
    }

    /** Appends the inside of a double-quoted part starting at {@code i}; returns the index after it, or -1. */
    private static int doubleQuoted(String line, int i, StringBuilder word) {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\\\"$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        return -1;
    }
}
