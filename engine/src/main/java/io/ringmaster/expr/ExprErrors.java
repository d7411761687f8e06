package io.ringmaster.expr;

import io.ringmaster.error.Position;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.VelocityException;

/** Turns Velocity's exceptions into messages that say what, where and how to fix it. */
final class ExprErrors {
    private ExprErrors() {}

    static String undefined(MethodInvocationException e, String name, String text, Position where) {
        String ref = e.getReferenceName();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("Variable \\$!?\\{?([\\w.-]+)")
                        .matcher(String.valueOf(e.getMessage()));
        String variable =
                m.find()
                        ? m.group(1)
                        : ref == null
                                ? "?"
                                : ref.replaceFirst("^\\$!?\\{?", "").replaceFirst("}$", "");
        String first = variable.split("[.\\[(]", 2)[0];
        String hint;
        if (e.getCause() != null) {
            return prefix(name, where) + "calling " + ref + " failed: " + e.getCause().getMessage();
        }
        if (variable.equals(first)) {
            hint =
                    "define it (play or task vars, inventory, -e "
                            + first
                            + "=...), test it with #if($"
                            + first
                            + "), or give a default with ${"
                            + first
                            + "|'value'}; if $"
                            + first
                            + " is meant for the remote shell, write $$"
                            + first;
        } else {
            hint =
                    "$"
                            + first
                            + " has no '"
                            + variable.substring(first.length() + 1)
                            + "' (or it is null); test it with #if($"
                            + variable
                            + ") or give a default with ${"
                            + variable
                            + "|'value'}";
        }
        return prefix(name, where, e.getLineNumber(), e.getColumnNumber())
                + "variable $"
                + variable
                + " is not defined (in `"
                + abbreviate(lineOf(text, e.getLineNumber()))
                + "`)"
                + "\n  hint: "
                + hint;
    }

    static String syntax(Exception e, String name, String text, Position where) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        String firstLine =
                msg.lines().findFirst().orElse(msg).replace(name, "").replaceAll("\\s+at\\s*$", "");
        return prefix(name, where)
                + "expression syntax error in `"
                + abbreviate(text)
                + "`: "
                + firstLine.strip()
                + "\n  hint: expressions are Velocity: ${var}, $var.field, #if(...); write $$ for a literal $";
    }

    static String other(VelocityException e, String name, Position where) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (msg.contains("evaluated to null")) {
            String ref = msg.replaceFirst("^Reference (\\S+) evaluated to null.*$", "$1");
            return prefix(name, where)
                    + ref
                    + " is null or undefined"
                    + "\n  hint: test it with #if("
                    + ref
                    + ") or give a default with ${"
                    + ref.replaceFirst("^\\$!?\\{?", "").replaceFirst("}$", "")
                    + "|'value'}";
        }
        return prefix(name, where) + msg.replace(" at " + name, "");
    }

    /** "file:line:col: " for a value written in a playbook, "name: " for a template file. */
    static String prefixed(String name, Position where) {
        return where != null ? where + ": " : name + ": ";
    }

    private static String prefix(String name, Position where) {
        if (where == null && "<expression>".equals(name)) {
            return "";
        }
        return (where != null ? where.toString() : name) + ": ";
    }

    /**
     * For a template file, its own line and column; for an expression written in a playbook, the
     * position of the value, plus the line within it when the value spans several lines.
     */
    private static String prefix(String name, Position where, int line, int column) {
        if (where == null && !"<expression>".equals(name) && line > 0) {
            return name + ":" + line + ":" + column + ": ";
        }
        if (where != null && line > 1) {
            return where + " (line " + line + " of the value): ";
        }
        return prefix(name, where);
    }

    /** The given 1-based line of a multi-line text (the whole text when it has one line). */
    private static String lineOf(String text, int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length && lines.length > 1
                ? lines[line - 1].strip()
                : text;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }
}
