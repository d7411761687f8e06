package io.ringmaster.parse;

import io.ringmaster.error.Position;

/**
 * A YAML node as written, with where it was written: a map, a list or a scalar. Produced by {@link
 * YamlReader}; the playbook loader walks it so every error can name file:line:column.
 */
public sealed interface YNode permits YMap, YSeq, YScalar {

    /** Where the node starts (1-based line and column). */
    Position position();

    /**
     * A short description of what the node is, for error messages ("a list", "a map", "the text
     * 'x'").
     */
    String describe();
}
