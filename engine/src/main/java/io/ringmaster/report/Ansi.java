package io.ringmaster.report;

/**
 * The ANSI colours ansible-playbook uses by default ({@code ansible.cfg [colors]}), and its way of
 * painting text: every line is wrapped in its own escape sequence, so a multi-line message stays
 * coloured when lines are interleaved or paged.
 */
enum Ansi {
    OK("0;32"), // green
    CHANGED("0;33"), // yellow
    ERROR("0;31"), // red
    UNREACHABLE("1;31"), // bright red
    SKIP("0;36"), // cyan
    WARN("1;35"), // bright purple
    DEBUG("1;30"), // dark gray
    DIFF_ADD("0;32"), // green
    DIFF_REMOVE("0;31"), // red
    DIFF_LINES("0;36"); // cyan

    private final String code;

    Ansi(String code) {
        this.code = code;
    }

    /** {@code text} in this colour, line by line. */
    String paint(String text) {
        StringBuilder b = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append('\n');
            }
            b.append("\033[").append(code).append('m').append(lines[i]).append("\033[0m");
        }
        return b.toString();
    }
}
