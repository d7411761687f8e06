package io.ringmaster.report;

/**
 * Makes invisible formatting characters visible: right-to-left overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069), zero-width spaces and joiners (U+200B-U+200D, U+2060, U+FEFF) and
 * every other Unicode "format" character print as {@code \\uXXXX}. A host name or a message holding
 * one could otherwise reorder or hide what a recap shows (a U+202E after "web1", printed raw,
 * reverses the columns after it).
 */
public final class Visible {
    private Visible() {}

    /** True for a character that changes how text around it is shown without being shown itself. */
    public static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT;
    }

    public static String of(String s) {
        if (s == null || s.codePoints().noneMatch(Visible::invisible)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints()
                .forEach(
                        cp -> {
                            if (invisible(cp)) {
                                b.append(String.format("\\u%04x", cp));
                            } else {
                                b.appendCodePoint(cp);
                            }
                        });
        return b.toString();
    }
}
