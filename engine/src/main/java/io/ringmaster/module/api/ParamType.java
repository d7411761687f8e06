package io.ringmaster.module.api;

/** The type a parameter's value must have once rendered. */
public enum ParamType {
    /** Any scalar, converted to its string form. */
    STRING,
    /** A whole number; strings of digits are accepted. */
    INT,
    /** yes/no/true/false/on/off/1/0 as YAML and Ansible accept them. */
    BOOL,
    /** A list; a single scalar becomes a one-element list, a comma-separated string is split. */
    LIST,
    /** A map. */
    MAP,
    /** A file mode such as {@code '0644'} or {@code u=rw,g=r}; kept as a string. */
    MODE,
    /** Anything, unconverted (rendered). */
    RAW,
    /**
     * A Velocity condition, or a list of them, kept exactly as written: the engine checks its
     * syntax before the run but does not render it; the module evaluates it with {@link
     * Expressions#test(String)} (as {@code assert}'s {@code that}).
     */
    EXPRESSION,
    /**
     * Velocity template text kept exactly as written: the engine checks its syntax before the run
     * but does not render it; the module renders it once with {@link Expressions#renderText} (as
     * {@code virt_domain}'s {@code xml}, which must be rendered with XML escaping).
     */
    TEMPLATE
}
