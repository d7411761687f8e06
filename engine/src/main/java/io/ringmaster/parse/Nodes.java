package io.ringmaster.parse;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.error.UserError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of {@link YNode}s: each throws a {@link UserError} at the node when it is not what
 * was expected.
 */
public final class Nodes {
    private Nodes() {}

    /** The node as a map; {@code what} names it in the error ("a play", "'vars'"). */
    public static YMap map(YNode node, String what) {
        if (node instanceof YMap m) {
            return m;
        }
        throw new UserError(
                node.position(),
                what + " must be a map of 'key: value', not " + node.describe(),
                "write it as indented 'key: value' lines");
    }

    /** The node as a list. */
    public static YSeq seq(YNode node, String what) {
        if (node instanceof YSeq s) {
            return s;
        }
        throw new UserError(
                node.position(),
                what + " must be a list, not " + node.describe(),
                "write each item on its own line starting with '- '");
    }

    /** A text; numbers are accepted as their text, booleans and null are not. */
    public static String string(YNode node, String what) {
        if (node instanceof YScalar s && s.value() != null && !(s.value() instanceof Boolean)) {
            return s.value() instanceof String str ? str : s.text();
        }
        throw new UserError(
                node.position(),
                what + " must be a text, not " + node.describe(),
                node instanceof YScalar ? "quote it if you mean the text" : "write a single value");
    }

    /** A text or a list of texts. */
    public static List<String> strings(YNode node, String what) {
        if (node instanceof YSeq seq) {
            List<String> result = new ArrayList<>();
            seq.items().forEach(item -> result.add(string(item, "each item of " + what)));
            return result;
        }
        return List.of(string(node, what));
    }

    /** A YAML boolean. */
    public static boolean bool(YNode node, String what) {
        if (node instanceof YScalar s && s.value() instanceof Boolean b) {
            return b;
        }
        throw new UserError(
                node.position(),
                what + " must be true or false, not " + node.describe(),
                "write true or false");
    }

    /** A whole number. */
    public static long integer(YNode node, String what) {
        if (node instanceof YScalar s && s.value() instanceof Long l) {
            return l;
        }
        throw new UserError(
                node.position(),
                what + " must be a whole number, not " + node.describe(),
                "write a number such as 3");
    }

    /** A number (whole or decimal). */
    public static double number(YNode node, String what) {
        if (node instanceof YScalar s && s.value() instanceof Number n) {
            return n.doubleValue();
        }
        throw new UserError(
                node.position(),
                what + " must be a number, not " + node.describe(),
                "write a number such as 5");
    }

    /** A map as plain values (keys in order); null is an empty map. */
    public static Map<String, Object> plainMap(YNode node, String what) {
        if (node instanceof YScalar s && s.isNull()) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map(node, what).entries().forEach(e -> result.put(e.name(), YamlReader.toPlain(e.value())));
        return result;
    }

    /** Whether the node is YAML null ({@code key:} with nothing after it, or {@code ~}). */
    public static boolean isNull(YNode node) {
        return node instanceof YScalar s && s.isNull();
    }

    /**
     * Rejects keys not in {@code allowed}: those in {@code unsupported} with their own explanation,
     * others with a did-you-mean against {@code allowed}.
     */
    public static void checkKeys(
            YMap map, String where, Collection<String> allowed, Map<String, String> unsupported) {
        for (YMap.Entry e : map.entries()) {
            String key = e.name();
            if (allowed.contains(key)) {
                continue;
            }
            String why = unsupported.get(key);
            if (why != null) {
                throw new UserError(
                        e.key().position(), "'" + key + "' is not supported in " + where, why);
            }
            throw new UserError(
                    e.key().position(),
                    "unknown key '" + key + "' in " + where + DidYouMean.suffix(key, allowed),
                    "the keys of " + where + " are: " + String.join(", ", allowed));
        }
    }
}
