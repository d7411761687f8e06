package io.ringmaster.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A small JSON serialiser for the values results carry: {@link Map}, {@link Collection}, arrays,
 * {@link String}, {@link Number}, {@link Boolean} and {@code null}; anything else is written as its
 * {@code toString()}.
 *
 * <p>The layout follows Python's {@code json.dumps} (which Ansible uses): compact output separates
 * with {@code ", "} and {@code ": "}; indented output puts one member per line. Non-ASCII text is
 * written as is, except U+2028/U+2029, which are escaped so the output is also safe inside
 * JavaScript. Non-finite numbers (NaN, infinities) are written as strings, since JSON has no
 * literal for them.
 */
public final class Json {
    private static final int MAX_DEPTH = 512;

    private final int indent;
    private final StringBuilder out = new StringBuilder();

    private Json(int indent) {
        this.indent = indent;
    }

    /** One line: {@code {"a": 1, "b": [true, null]}}. */
    public static String compact(Object value) {
        return new Json(-1).value(value, 0).out.toString();
    }

    /**
     * Pretty-printed with {@code indent} spaces per level, as Python's {@code json.dumps(v,
     * indent=n)}.
     */
    public static String indented(Object value, int indent) {
        if (indent < 0) {
            throw new IllegalArgumentException("indent must be >= 0: " + indent);
        }
        return new Json(indent).value(value, 0).out.toString();
    }

    /** {@code s} as a quoted JSON string literal. */
    public static String quote(String s) {
        Json j = new Json(-1);
        j.string(s);
        return j.out.toString();
    }

    private Json value(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "value nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (v instanceof Number n) {
            number(n);
        } else if (v instanceof Map<?, ?> m) {
            object(m, depth);
        } else if (v instanceof Collection<?> c) {
            array(c.iterator(), c.isEmpty(), depth);
        } else if (v instanceof Object[] a) {
            array(java.util.Arrays.asList(a).iterator(), a.length == 0, depth);
        } else {
            string(String.valueOf(v));
        }
        return this;
    }

    private void number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                out.append(n);
            } else {
                string(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            }
        } else if (n instanceof Integer
                || n instanceof Long
                || n instanceof Short
                || n instanceof Byte
                || n instanceof BigInteger
                || n instanceof BigDecimal
                || n instanceof java.util.concurrent.atomic.AtomicInteger
                || n instanceof java.util.concurrent.atomic.AtomicLong) {
            out.append(n);
        } else {
            // An unknown Number subclass: its toString() need not be a JSON number.
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                out.append(d);
            } else {
                string(String.valueOf(n));
            }
        }
    }

    private void object(Map<?, ?> m, int depth) {
        if (m.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            separator(first, depth + 1);
            first = false;
            string(String.valueOf(e.getKey()));
            out.append(": ");
            value(e.getValue(), depth + 1);
        }
        close(depth);
        out.append('}');
    }

    private void array(Iterator<?> it, boolean empty, int depth) {
        if (empty) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        while (it.hasNext()) {
            separator(first, depth + 1);
            first = false;
            value(it.next(), depth + 1);
        }
        close(depth);
        out.append(']');
    }

    private void separator(boolean first, int depth) {
        if (indent < 0) {
            if (!first) {
                out.append(", ");
            }
        } else {
            out.append(first ? "\n" : ",\n").append(" ".repeat(indent * depth));
        }
    }

    private void close(int depth) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20
                            || c == 0x7f
                            || c == '\u2028'
                            || c == '\u2029'
                            || Visible.invisible(c)
                            || Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Whether the surrogate at {@code i} is half of a well-formed pair (lone halves are escaped).
     */
    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
