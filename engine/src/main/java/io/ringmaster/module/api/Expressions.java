package io.ringmaster.module.api;

import java.util.Map;

/**
 * The engine's expression language (Velocity, strict) bound to one host's variables. Every method
 * throws {@link ExpressionException} for an undefined variable or a syntax error.
 */
public interface Expressions {

    /** Evaluates a Velocity boolean expression such as {@code $out.rc == 0}. */
    boolean test(String condition) throws ExpressionException;

    /**
     * The value of a reference such as {@code out.stdout_lines} or {@code $out.rc}, keeping its
     * type.
     */
    Object value(String reference) throws ExpressionException;

    /**
     * Finds the template {@code src} (beside the playbook, in {@code templates/} beside it, then
     * the project's {@code templates/}; never outside those roots) and renders it with the host's
     * variables plus {@code extraVars}.
     */
    String renderTemplate(String src, Map<String, Object> extraVars) throws ExpressionException;

    /** Renders template text given inline (for example a module's {@code xml} parameter). */
    String renderText(String name, String text, Map<String, Object> extraVars)
            throws ExpressionException;
}
