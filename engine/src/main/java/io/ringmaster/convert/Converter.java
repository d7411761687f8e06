package io.ringmaster.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the common Jinja2 forms of an Ansible playbook, role file or template into Ringmaster's
 * Velocity, line by line so comments and layout stay: {@code {{ x }}} and its filters, bare
 * conditions under {@code when}, {@code changed_when}, {@code failed_when}, {@code until} and
 * {@code assert}'s {@code that}, {@code {% if %}}, {@code {% for %}}, {@code {# #}}; a literal
 * {@code $} becomes {@code $$}. What it cannot convert is left as it was and reported with its
 * line.
 */
public final class Converter {
    /** Something left for a person, at a 1-based line. */
    public record Problem(int line, String message) {}

    /** The new text, how many lines changed, and what was left. */
    public record Result(String text, int changedLines, List<Problem> problems) {}

    private static final Pattern CONDITION_KEY =
            Pattern.compile(
                    "^(\\s*(?:-\\s+)?)(when|changed_when|failed_when|until|that):(\\s*)(.*)$");
    private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*-\\s+)(.+)$");
    private static final Pattern MUSTACHE = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern STATEMENT = Pattern.compile("\\{%-?\\s*(.*?)\\s*-?%}");

    private Converter() {}

    public static Result convert(String text, boolean yaml) {
        String[] lines = text.split("\n", -1);
        List<Problem> problems = new ArrayList<>();
        int changed = 0;
        int listIndent = -1;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String out;
            int indent = line.length() - line.stripLeading().length();
            if (listIndent >= 0
                    && !(line.isBlank()
                            || indent > listIndent && LIST_ITEM.matcher(line).matches())) {
                listIndent = -1;
            }
            Matcher key = yaml ? CONDITION_KEY.matcher(line) : null;
            Matcher item = LIST_ITEM.matcher(line);
            if (yaml && line.strip().startsWith("#")) {
                out = line;
            } else if (key != null && key.matches()) {
                String value = stripComment(key.group(4));
                if (value.isEmpty()) {
                    listIndent = indent;
                    out = line;
                } else {
                    out =
                            key.group(1)
                                    + key.group(2)
                                    + ":"
                                    + key.group(3)
                                    + conditions(value, n, problems, line);
                }
            } else if (listIndent >= 0 && item.matches()) {
                out = item.group(1) + conditions(stripComment(item.group(2)), n, problems, line);
            } else {
                out = text(line, n, problems);
            }
            if (!out.equals(line)) {
                changed++;
                lines[n] = out;
            }
        }
        return new Result(String.join("\n", lines), changed, problems);
    }

    /**
     * One condition value, or a flow list of them, converted and quoted for YAML; as written when
     * it cannot be.
     */
    private static String conditions(String value, int n, List<Problem> problems, String line) {
        String v = unquote(value);
        if (v.startsWith("[") && v.endsWith("]")) {
            List<String> parts = new ArrayList<>();
            for (String p : v.substring(1, v.length() - 1).split(",")) {
                String c = one(unquote(p.strip()), n, problems);
                if (c == null) {
                    return value;
                }
                parts.add(quote(c));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        String c = one(v, n, problems);
        return c == null ? value : c.matches("(?i)true|false|yes|no") ? c : quote(c);
    }

    private static String one(String cond, int n, List<Problem> problems) {
        String c = cond.strip();
        Matcher m = MUSTACHE.matcher(c);
        if (m.matches()) {
            c = m.group(1);
        }
        if (c.matches("(?i)true|false|yes|no") || c.contains("$")) {
            return c;
        }
        try {
            return JinjaExpr.condition(c);
        } catch (JinjaExpr.Unconvertible e) {
            problems.add(new Problem(n + 1, e.getMessage()));
            return null;
        }
    }

    /** Any other line: $ escaped, {{ }} and {% %} converted. */
    private static String text(String line, int n, List<Problem> problems) {
        String escaped = line.replace("$", "$$");
        StringBuilder out = new StringBuilder();
        Matcher m = MUSTACHE.matcher(escaped);
        int last = 0;
        while (m.find()) {
            out.append(escaped, last, m.start());
            try {
                out.append(JinjaExpr.interpolation(m.group(1).replace("$$", "$")));
            } catch (JinjaExpr.Unconvertible e) {
                problems.add(new Problem(n + 1, e.getMessage()));
                out.append(m.group());
            }
            last = m.end();
        }
        out.append(escaped.substring(last));
        return statements(out.toString().replaceAll("\\{#(.*?)#}", "#*$1*#"), n, problems);
    }

    private static String statements(String line, int n, List<Problem> problems) {
        StringBuilder out = new StringBuilder();
        Matcher m = STATEMENT.matcher(line);
        int last = 0;
        while (m.find()) {
            out.append(line, last, m.start());
            String s = m.group(1);
            String v;
            try {
                v = statement(s);
            } catch (JinjaExpr.Unconvertible e) {
                problems.add(new Problem(n + 1, e.getMessage()));
                v = m.group();
            }
            out.append(v);
            last = m.end();
        }
        return out.append(line.substring(last)).toString();
    }

    private static String statement(String s) throws JinjaExpr.Unconvertible {
        Matcher loop = Pattern.compile("for\\s+(\\w+)\\s+in\\s+([\\w.\\[\\]'\"]+)").matcher(s);
        if (s.startsWith("if ")) {
            return "#if(" + JinjaExpr.condition(s.substring(3)) + ")";
        } else if (s.startsWith("elif ")) {
            return "#elseif(" + JinjaExpr.condition(s.substring(5)) + ")";
        } else if (s.equals("else")) {
            return "#{else}";
        } else if (s.equals("endif") || s.equals("endfor")) {
            return "#{end}";
        } else if (loop.matches()) {
            return "#foreach($" + loop.group(1) + " in " + JinjaExpr.reference(loop.group(2)) + ")";
        }
        throw new JinjaExpr.Unconvertible("{% " + s + " %} has no Ringmaster form here");
    }

    private static String stripComment(String v) {
        return v.replaceFirst("\\s+#\\s.*$", "").strip();
    }

    private static String unquote(String v) {
        String s = v.strip();
        if (s.length() >= 2
                && (s.startsWith("\"") && s.endsWith("\"")
                        || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        return s;
    }

    /** YAML quoting: single quotes unless the text holds one. */
    private static String quote(String c) {
        return c.contains("'")
                ? "\"" + c.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                : "'" + c + "'";
    }
}
