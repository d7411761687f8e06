package io.ringmaster.playbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Order-keeping unmodifiable copies (Map.copyOf loses order and refuses nulls, which YAML has). */
final class OrderedMaps {
    private OrderedMaps() {}

    static <K, V> Map<K, V> frozen(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
