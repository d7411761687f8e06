package io.ringmaster.report;

/**
 * Makes arbitrary text legal in XML 1.0. The JDK's stream writer escapes markup ({@code < & > "})
 * but passes through characters XML forbids outright (most control characters, lone surrogates,
 * U+FFFE/U+FFFF), which would make the whole report unreadable; those are replaced by a visible
 * {@code \\uXXXX}.
 */
final class XmlText {
    private XmlText() {}

    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean legal =
                    cp == 0x9
                            || cp == 0xA
                            || cp == 0xD
                            || cp >= 0x20 && cp <= 0xD7FF
                            || cp >= 0xE000 && cp <= 0xFFFD
                            || cp >= 0x10000 && cp <= 0x10FFFF;
            legal = legal && !Visible.invisible(cp);
            if (!legal && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (legal) {
                    b.appendCodePoint(cp);
                } else {
                    b.append(String.format("\\u%04x", cp));
                }
            }
            i += n;
        }
        return b == null ? s : b.toString();
    }
}
