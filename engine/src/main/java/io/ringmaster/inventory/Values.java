package io.ringmaster.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Helpers for variable maps: Ansible's {@code hash_behaviour=replace} merge, and read-only copies.
 */
final class Values {
    private Values() {}

    /**
     * An ordered read-only copy; unlike {@code Map.copyOf} it keeps order and allows null values.
     */
    static Map<String, Object> unmodifiable(Map<String, Object> vars) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    /**
     * Puts every entry of {@code layer} over {@code into}: top-level keys are replaced, never
     * deep-merged.
     */
    static void combine(Map<String, Object> into, Map<String, Object> layer) {
        if (layer != null) {
            into.putAll(layer);
        }
    }
}
