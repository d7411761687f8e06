package io.ringmaster.report;

import java.util.ArrayList;
import java.util.List;

/** Pure text helpers of the console report: Ansible's banners and word wrapping. */
final class ConsoleText {
    /**
     * ansible-playbook's screen width when stdout is not a terminal (and its minimum when it is).
     */
    static final int COLUMNS = 79;

    private ConsoleText() {}

    /**
     * Ansible's banner: a blank line, then {@code msg}, a space and stars up to column 80 (at least
     * three stars).
     */
    static String banner(String msg) {
        String m = msg.strip();
        int stars = Math.max(3, COLUMNS - m.codePointCount(0, m.length()));
        return "\n" + m + " " + "*".repeat(stars);
    }

    /**
     * Greedy word wrap at {@code width} columns, as Python's {@code textwrap.wrap} does for
     * warnings.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            while (word.length() > width) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** {@code s} padded with spaces to {@code width} (never cut), like Python's {@code %-Ns}. */
    static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
