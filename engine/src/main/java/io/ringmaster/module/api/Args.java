package io.ringmaster.module.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A module's arguments after rendering, defaulting and type conversion: every declared parameter
 * that has a value or a default is present, already of its declared type (STRING to String, INT to
 * Long, BOOL to Boolean, LIST to List, MAP to Map, MODE to String).
 */
public record Args(Map<String, Object> values) {

    public Args {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Optional<String> string(String name) {
        Object v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    public String requireString(String name) {
        return string(name)
                .orElseThrow(
                        () -> new IllegalStateException("parameter " + name + " has no value"));
    }

    public Optional<Long> integer(String name) {
        Object v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(((Number) v).longValue());
    }

    public boolean bool(String name) {
        Object v = values.get(name);
        return v != null && (Boolean) v;
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<Object>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    public Object raw(String name) {
        return values.get(name);
    }
}
