package io.ringmaster.parse;

import java.math.BigInteger;
import java.util.Date;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one scalar exactly as SnakeYAML's {@link SafeConstructor} would (YAML 1.1: {@code 0644} is
 * 420, {@code yes} is true, {@code ~} is null), then normalises: integers to Long, timestamps and
 * binaries back to their text. One instance per file: the base constructor remembers what it built.
 */
final class ScalarConverter extends SafeConstructor {

    ScalarConverter(LoaderOptions options) {
        super(options);
    }

    /** The scalar's value; throws SnakeYAML's ConstructorException for an unknown tag. */
    Object convert(ScalarNode node) {
        Object value = constructObject(node);
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Date || value instanceof byte[]) {
            return node.getValue();
        }
        return value;
    }
}
