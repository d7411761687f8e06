package io.ringmaster.expr;

import io.ringmaster.error.Position;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.VelocityException;

/** Turns Velocity's exceptions into messages that say what, where and how to fix it. */
final class ExprErrors {
    private ExprErrors() {
    }

    static String undefined(MethodInvocationException e, String name, String text, Position where) {
        String ref = e.getReferenceName();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Variable \\$!?\\{?([\\w.-]+)")
                .matcher(String.valueOf(e.getMessage()));
        String variable = m.find() ? m.group(1)
                : ref == null ? "?" : ref.replaceFirst("^\\$!?\\{?", "").replaceFirst("}$", "");
        String first = variable.split("[.\\[(]", 2)[0];
        String hint;
        if (e.getCause() != null) {
            return prefix(name, where) + "calling " + ref + " failed: " + e.getCause().getMessage();
        }
        if (variable.equals(first)) {
            hint = "define it (play or task vars, inventory, -e " + first + "=...), test it with #if($" + first
                    + "), or give a default with ${" + first + "|'value'}; if $" + first
                    + " is meant for the remote shell, write $$" + first;
        } else {
            hint = "$" + first + " has no '" + variable.substring(first.length() + 1)
                    + "' (or it is null); test it with #if($" + variable + ") or give a default with ${"
                    + variable + "|'value'}";
        }
        return prefix(name, where) + "variable $" + variable + " is not defined (in `" + abbreviate(text) + "`)"
                + "\n  hint: " + hint;
    }

    static String syntax(Exception e, String name, String text, Position where) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        String firstLine = msg.lines().findFirst().orElse(msg).replace(name, "").replaceAll("\\s+at\\s*$", "");
        return prefix(name, where) + "expression syntax error in `" + abbreviate(text) + "`: " + firstLine.strip()
                + "\n  hint: expressions are Velocity: ${var}, $var.field, #if(...); write $$ for a literal $";
    }

    static String other(VelocityException e, String name, Position where) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (msg.contains("evaluated to null")) {
            String ref = msg.replaceFirst("^Reference (\\S+) evaluated to null.*$", "$1");
            return prefix(name, where) + ref + " is null or undefined"
                    + "\n  hint: test it with #if(" + ref + ") or give a default with ${"
                    + ref.replaceFirst("^\\$!?\\{?", "").replaceFirst("}$", "") + "|'value'}";
        }
        return prefix(name, where) + msg.replace(" at " + name, "");
    }

    private static String prefix(String name, Position where) {
        return (where != null ? where.toString() : name) + ": ";
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }
}
