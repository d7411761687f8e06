package io.ringmaster.module.api;

import java.util.Map;

/**
 * Everything a module sees for one run on one host.
 *
 * @param host the inventory name of the host
 * @param args validated, rendered arguments
 * @param vars every variable of the host for this task (read-only)
 * @param remote the host's connection
 * @param expr expressions and templates bound to this host
 * @param checkMode true under {@code --check}: predict, change nothing
 * @param diffMode true under {@code --diff}: report before/after of what changes
 */
public record ModuleContext(
        String host,
        Args args,
        Map<String, Object> vars,
        Remote remote,
        Expressions expr,
        boolean checkMode,
        boolean diffMode) {}
