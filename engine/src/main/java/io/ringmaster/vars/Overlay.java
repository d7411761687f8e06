package io.ringmaster.vars;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of {@code top} over {@code base}: keys of {@code top} win. Nothing is copied.
 */
public final class Overlay extends AbstractMap<String, Object> {
    private final Map<String, ?> top;
    private final Map<String, ?> base;

    public Overlay(Map<String, ?> top, Map<String, ?> base) {
        this.top = top;
        this.base = base;
    }

    @Override
    public boolean containsKey(Object key) {
        return top.containsKey(key) || base.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        return top.containsKey(key) ? top.get(key) : base.get(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>(base);
        all.putAll(top);
        return all.entrySet();
    }
}
