package io.ringmaster.playbook;

import io.ringmaster.error.Position;

/**
 * An expression as written in a playbook, with where it was written, so an evaluation error names
 * file:line:column. {@code text} is a Velocity expression ({@code $out.rc == 0}) or a YAML
 * boolean's string form.
 */
public record Expr(String text, Position position) {}
