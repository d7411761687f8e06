package io.ringmaster.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Jinja2 expression as Ringmaster writes it: names become {@code $name}, {@code and/or/not}
 * become {@code && || !}, {@code x is defined} becomes {@code $x}, and the filters {@code default},
 * {@code bool}, {@code int}, {@code length}, {@code lower}, {@code upper}, {@code trim} their
 * Velocity forms. Anything else (arithmetic in a string, other filters, tests, literals lists with
 * {@code in}) is refused with the reason.
 */
final class JinjaExpr {
    /** The expression could not be converted; the message says which part. */
    static final class Unconvertible extends Exception {
        private static final long serialVersionUID = 1L;

        Unconvertible(String msg) {
            super(msg);
        }
    }

    private static final Pattern TOKEN =
            Pattern.compile(
                    "\\s*(?:('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")|(\\d+(?:\\.\\d+)?)|([A-Za-z_][\\w]*(?:\\.[A-Za-z_]\\w*"
                            + "|\\[[^\\]]+\\])*)|(==|!=|<=|>=|<|>|\\(|\\)|\\|))");
    private static final Map<String, String> WORDS =
            Map.of(
                    "and", "&&", "or", "||", "not", "!", "true", "true", "True", "true", "false",
                    "false", "False", "false", "none", "null", "None", "null");

    private JinjaExpr() {}

    /** A condition (when, changed_when, ..., or the inside of {% if %}). */
    static String condition(String jinja) throws Unconvertible {
        String s = jinja.strip();
        Matcher def =
                Pattern.compile(
                                "^(not\\s+)?([A-Za-z_][\\w.\\[\\]'\"]*)\\s+is\\s+(not\\s+)?(defined|undefined)$")
                        .matcher(s);
        if (def.matches()) {
            boolean negated =
                    def.group(1) != null ^ def.group(3) != null ^ def.group(4).equals("undefined");
            return (negated ? "!" : "") + reference(def.group(2));
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            Matcher m = TOKEN.matcher(s);
            if (!m.find(i) || m.start() != i) {
                throw new Unconvertible(
                        "cannot read '" + s.substring(i).strip() + "' in `" + s + "`");
            }
            i = m.end();
            if (m.group(1) != null) {
                out.add(m.group(1).startsWith("\"") ? m.group(1) : m.group(1));
            } else if (m.group(2) != null) {
                out.add(m.group(2));
            } else if (m.group(3) != null) {
                String word = m.group(3);
                if (word.equals("is")) {
                    i = test(s, i, out);
                } else if (word.equals("in")) {
                    i = in(s, i, out);
                } else {
                    out.add(WORDS.getOrDefault(word, reference(word)));
                }
            } else if (m.group(4).equals("|")) {
                i = filter(s, i, out);
            } else {
                out.add(m.group(4));
            }
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
        return String.join(" ", out).replace("! ", "!").replace("( ", "(").replace(" )", ")");
    }

    /** The inside of {{ }} as text to put in a string: a reference with its filters. */
    static String interpolation(String jinja) throws Unconvertible {
        String c = condition(jinja);
        if (c.matches("\\$[A-Za-z_][\\w.]*(\\(\\d*\\)|\\.\\w+\\(\\))*")) {
            return "${" + c.substring(1) + "}";
        }
        Matcher d = Pattern.compile("\\$\\{([^|}]+)\\|(.+)}").matcher(c);
        if (d.matches()) {
            return c;
        }
        throw new Unconvertible(
                "`{{ "
                        + jinja.strip()
                        + " }}` is an expression, not a value Velocity can insert"
                        + " (compute it with set_fact, or write it as a Velocity #set)");
    }

    /** {@code a.b['c'][0]} as {@code $a.b.c.get(0)}. */
    static String reference(String name) {
        String r =
                name.replaceAll("\\[['\"]([A-Za-z_]\\w*)['\"]\\]", ".$1")
                        .replaceAll("\\[(\\d+)\\]", ".get($1)");
        return "$" + r;
    }

    /**
     * {@code x is [not] defined|undefined|succeeded|failed|changed|skipped}: the last token tested.
     */
    private static int test(String s, int i, List<String> out) throws Unconvertible {
        Matcher t = Pattern.compile("\\s*(not\\s+)?(\\w+)").matcher(s);
        if (!t.find(i)
                || t.start() != i
                || out.isEmpty()
                || !out.get(out.size() - 1).startsWith("$")) {
            throw new Unconvertible("cannot read the test in `" + s + "`");
        }
        String ref = out.remove(out.size() - 1);
        boolean not = t.group(1) != null;
        String e =
                switch (t.group(2)) {
                    case "defined" -> ref;
                    case "undefined" -> "!" + ref;
                    case "succeeded", "success" -> "!" + ref + ".failed";
                    case "failed", "failure" -> ref + ".failed";
                    case "changed", "change" -> ref + ".changed";
                    case "skipped", "skip" -> ref + ".skipped";
                    default ->
                            throw new Unconvertible(
                                    "the test 'is "
                                            + t.group(2)
                                            + "' has no Ringmaster form in `"
                                            + s
                                            + "`");
                };
        out.add(not ? (e.startsWith("!") ? e.substring(1) : "!" + e) : e);
        return t.end();
    }

    /** {@code a [not] in b} (b a variable) as {@code $b.contains($a)}. */
    private static int in(String s, int i, List<String> out) throws Unconvertible {
        Matcher t = Pattern.compile("\\s*([A-Za-z_][\\w.]*)").matcher(s);
        boolean not = !out.isEmpty() && out.get(out.size() - 1).equals("!");
        if (not) {
            out.remove(out.size() - 1);
        }
        if (!t.find(i) || t.start() != i || out.isEmpty() || WORDS.containsKey(t.group(1))) {
            throw new Unconvertible("'in' with a literal list is not converted in `" + s + "`");
        }
        String item = out.remove(out.size() - 1);
        out.add((not ? "!" : "") + reference(t.group(1)) + ".contains(" + item + ")");
        return t.end();
    }

    /**
     * Applies the filter after the {@code |} at {@code i} to the last token; returns where reading
     * goes on.
     */
    private static int filter(String s, int i, List<String> out) throws Unconvertible {
        Matcher f = Pattern.compile("\\s*(\\w+)(\\s*\\(([^()]*)\\))?").matcher(s);
        if (!f.find(i) || f.start() != i || out.isEmpty()) {
            throw new Unconvertible("cannot read the filter in `" + s + "`");
        }
        String last = out.remove(out.size() - 1);
        String ref = last.startsWith("$") ? last.substring(1) : null;
        String arg = f.group(3) == null ? null : f.group(3).strip();
        String converted =
                switch (f.group(1)) {
                    case "bool", "int", "float", "string" -> last;
                    case "length", "count" -> last + ".size()";
                    case "lower" -> last + ".toLowerCase()";
                    case "upper" -> last + ".toUpperCase()";
                    case "trim" -> last + ".trim()";
                    case "default", "d" -> {
                        if (ref == null || arg == null || arg.contains(",")) {
                            throw new Unconvertible(
                                    "default(...) with more than a value is not converted in `"
                                            + s
                                            + "`");
                        }
                        yield "${"
                                + ref
                                + "|"
                                + (arg.startsWith("\"")
                                        ? "'" + arg.substring(1, arg.length() - 1) + "'"
                                        : arg.matches("[A-Za-z_][\\w.]*") && !WORDS.containsKey(arg)
                                                ? reference(arg)
                                                : arg)
                                + "}";
                    }
                    default ->
                            throw new Unconvertible(
                                    "the filter '"
                                            + f.group(1)
                                            + "' has no Ringmaster form in `"
                                            + s
                                            + "`");
                };
        out.add(converted);
        return f.end();
    }
}
