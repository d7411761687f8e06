package io.ringmaster.module.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Order-keeping, unmodifiable copies of result data; null values are dropped (expressions are
 * strict).
 */
final class Data {
    private Data() {}

    static Map<String, Object> copy(Map<String, Object> data) {
        if (data == null || data.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach(
                (k, v) -> {
                    if (k != null && v != null) {
                        out.put(k, v);
                    }
                });
        return Collections.unmodifiableMap(out);
    }
}
