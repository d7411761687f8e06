package io.ringmaster.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Types an INI inventory value as Ansible does with Python's {@code ast.literal_eval}, falling back
 * to the text itself when it is not a literal. Supported: {@code True}/{@code False} (Boolean),
 * {@code None} (null), integers (Long; decimal, {@code 0x}, {@code 0o}, {@code 0b}, underscores),
 * floats (Double), quoted strings, lists, tuples and sets (List), dicts (Map), a bare {@code a,b}
 * tuple, and a trailing {@code # comment}. So {@code yes}, {@code true}, {@code 0755} and {@code
 * 1.2.3.4} stay strings, as in Ansible. Deviations: integers beyond Long, complex numbers, bytes,
 * string prefixes and adjacent-string concatenation are not literals here and stay text.
 */
final class IniLiteral {
    private static final Pattern NUMBER =
            Pattern.compile(
                    "0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+"
                            + "|(?:(?:\\d(?:_?\\d)*)?\\.\\d(?:_?\\d)*|\\d(?:_?\\d)*\\.?)(?:[eE][+-]?\\d(?:_?\\d)*)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String text;
    private int pos;

    private IniLiteral(String text) {
        this.text = text;
    }

    /** The typed value of {@code text}, or {@code text} unchanged. */
    static Object parse(String text) {
        IniLiteral p = new IniLiteral(text);
        try {
            Object value = p.topLevel();
            p.blanks();
            return p.pos == text.length() ? value : text;
        } catch (NotALiteral e) {
            return text;
        }
    }

    private Object topLevel() {
        blanks();
        Object first = value();
        blanks();
        if (!peek(',')) {
            return first;
        }
        List<Object> tuple = new ArrayList<>();
        tuple.add(first);
        while (accept(',')) {
            blanks();
            if (pos == text.length() || peek('#')) {
                break;
            }
            tuple.add(value());
            blanks();
        }
        return tuple;
    }

    private Object value() {
        blanks();
        if (pos >= text.length()) {
            throw new NotALiteral();
        }
        char c = text.charAt(pos);
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (c == '[') {
            return sequence(']');
        }
        if (c == '(') {
            return sequence(')');
        }
        if (c == '{') {
            return braces();
        }
        if (c == '-' || c == '+') {
            pos++;
            blanks();
            Object n = number();
            return c == '+' ? n : negate(n);
        }
        Matcher name = NAME.matcher(text).region(pos, text.length());
        if (name.lookingAt()) {
            pos = name.end();
            switch (name.group()) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return null;
                default:
                    throw new NotALiteral();
            }
        }
        return number();
    }

    private Object number() {
        Matcher m = NUMBER.matcher(text).region(pos, text.length());
        if (!m.lookingAt() || m.end() == pos) {
            throw new NotALiteral();
        }
        pos = m.end();
        if (pos < text.length()
                && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            throw new NotALiteral();
        }
        String digits = m.group().replace("_", "");
        String lower = digits.toLowerCase();
        try {
            if (lower.startsWith("0x")) {
                return Long.parseLong(digits.substring(2), 16);
            } else if (lower.startsWith("0o")) {
                return Long.parseLong(digits.substring(2), 8);
            } else if (lower.startsWith("0b")) {
                return Long.parseLong(digits.substring(2), 2);
            } else if (lower.contains(".") || lower.contains("e")) {
                return Double.parseDouble(digits);
            } else if (digits.length() > 1 && digits.charAt(0) == '0' && !digits.matches("0+")) {
                throw new NotALiteral(); // Python 3 rejects leading zeros: 0755 stays a string
            }
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new NotALiteral();
        }
    }

    private static Object negate(Object n) {
        return n instanceof Long l ? (Object) (-l) : (Object) (-(Double) n);
    }

    private String string(char quote) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\' || pos >= text.length()) {
                sb.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0' -> sb.append('\0');
                case '\\', '\'', '"' -> sb.append(e);
                case 'x' -> sb.append(hex(2));
                case 'u' -> sb.append(hex(4));
                default -> sb.append('\\').append(e);
            }
        }
        throw new NotALiteral();
    }

    private char hex(int digits) {
        if (pos + digits > text.length()) {
            throw new NotALiteral();
        }
        try {
            char c = (char) Integer.parseInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            return c;
        } catch (NumberFormatException e) {
            throw new NotALiteral();
        }
    }

    private List<Object> sequence(char close) {
        pos++;
        List<Object> items = new ArrayList<>();
        blanks();
        while (!accept(close)) {
            items.add(value());
            blanks();
            if (!accept(',')) {
                blanks();
                expect(close);
                break;
            }
            blanks();
        }
        return items;
    }

    /** A dict, or a set (returned as a list). */
    private Object braces() {
        pos++;
        blanks();
        if (accept('}')) {
            return new LinkedHashMap<String, Object>();
        }
        Object first = value();
        blanks();
        if (!accept(':')) {
            List<Object> set = new ArrayList<>();
            set.add(first);
            while (accept(',')) {
                blanks();
                if (accept('}')) {
                    return set;
                }
                set.add(value());
                blanks();
            }
            expect('}');
            return set;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(String.valueOf(first), value());
        blanks();
        while (accept(',')) {
            blanks();
            if (accept('}')) {
                return map;
            }
            Object key = value();
            blanks();
            expect(':');
            map.put(String.valueOf(key), value());
            blanks();
        }
        expect('}');
        return map;
    }

    private void blanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '#') {
            pos = text.length();
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean accept(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw new NotALiteral();
        }
    }

    /** Control flow only: the text is not a Python literal. */
    private static final class NotALiteral extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotALiteral() {
            super(null, null, false, false);
        }
    }
}
