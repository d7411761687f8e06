package io.ringmaster.expr;

/**
 * XML text and attribute escaping for values inserted into XML templates. A character XML 1.0
 * cannot carry at all (most control characters, U+FFFE, U+FFFF, a lone surrogate) cannot be escaped
 * either ({@code &#x1;} is itself illegal), so a value holding one is refused.
 */
public final class XmlEscape {
    private XmlEscape() {}

    /**
     * {@code value} escaped for text and attributes (both quote kinds).
     *
     * @throws IllegalArgumentException when it holds a character XML 1.0 forbids; the message names
     *     {@code reference} and the character
     */
    public static String escape(String reference, String value) {
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            switch (cp) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (!legal(cp)) {
                        throw new IllegalArgumentException(
                                String.format(
                                        "%s holds the character U+%04X, which XML cannot carry;"
                                                + " remove it from the value",
                                        reference, cp));
                    }
                    sb.appendCodePoint(cp);
                }
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** XML 1.0's Char production. */
    static boolean legal(int cp) {
        return cp == 0x9
                || cp == 0xA
                || cp == 0xD
                || cp >= 0x20 && cp <= 0xD7FF
                || cp >= 0xE000 && cp <= 0xFFFD
                || cp >= 0x10000 && cp <= 0x10FFFF;
    }
}
