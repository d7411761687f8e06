package io.ringmaster.report;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Formats a loop item the way Ansible prints it in {@code (item=...)}: Python's {@code str()}, so a
 * string is shown bare and a dict or list in Python's repr ({@code {'name': 'a', 'state': True}}).
 */
public final class PyRepr {
    private PyRepr() {}

    /** The item label: strings bare, everything else as {@link #repr(Object)}. */
    public static String str(Object v) {
        return v instanceof String s ? s : repr(v);
    }

    /** Python's repr of a YAML-shaped value. */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            for (Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> e = it.next();
                b.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                if (it.hasNext()) {
                    b.append(", ");
                }
            }
            return b.append('}').toString();
        }
        if (v instanceof Collection<?> c) {
            StringBuilder b = new StringBuilder("[");
            for (Iterator<?> it = c.iterator(); it.hasNext(); ) {
                b.append(repr(it.next()));
                if (it.hasNext()) {
                    b.append(", ");
                }
            }
            return b.append(']').toString();
        }
        return quote(v.toString());
    }

    /** Python's quoting: single quotes unless the text contains one and no double quote. */
    private static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == q || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(q).toString();
    }
}
