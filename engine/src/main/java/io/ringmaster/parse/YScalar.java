package io.ringmaster.parse;

import io.ringmaster.error.Position;

/**
 * A scalar: its text as written and its value as YAML 1.1 reads it (SnakeYAML's safe constructor):
 * {@code 0644} is 420, {@code yes} is true, {@code ~} is null. Integers are always {@link Long} (or
 * {@link java.math.BigInteger} beyond 64 bits), floats {@link Double}, timestamps and binaries stay
 * text.
 *
 * @param text the scalar's text (without quotes)
 * @param value String, Long, BigInteger, Double, Boolean or null
 * @param position where it was written
 */
public record YScalar(String text, Object value, Position position) implements YNode {

    public boolean isNull() {
        return value == null;
    }

    @Override
    public String describe() {
        if (value == null) {
            return "nothing (null)";
        }
        if (value instanceof String s) {
            return "the text '" + s + "'";
        }
        if (value instanceof Boolean) {
            return "the boolean " + value;
        }
        return "the number " + text;
    }
}
