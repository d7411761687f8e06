package io.ringmaster.executor;

import java.util.List;
import java.util.Map;

/** Questions about values as written in a playbook. */
final class Literals {
    private Literals() {}

    /**
     * The first Jinja2-style {@code {{ x }}} in the value, or null: Ringmaster's expressions are
     * Velocity.
     */
    static String jinja(Object value) {
        if (value instanceof String s) {
            int open = s.indexOf("{{");
            return open >= 0 && s.indexOf("}}", open) > open ? s : null;
        }
        if (value instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                String j = jinja(v);
                if (j != null) {
                    return j;
                }
            }
        }
        if (value instanceof List<?> l) {
            for (Object v : l) {
                String j = jinja(v);
                if (j != null) {
                    return j;
                }
            }
        }
        return null;
    }
}
