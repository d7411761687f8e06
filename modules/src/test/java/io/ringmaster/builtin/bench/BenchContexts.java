package io.ringmaster.builtin.bench;

import io.ringmaster.module.api.Args;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.Remote;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link ModuleContext} for storage_bench as the engine builds it: declared defaults filled in,
 * INT as Long.
 */
final class BenchContexts {
    private BenchContexts() {}

    /** storage_bench renders no expressions, so the context has none. */
    static ModuleContext of(
            StorageBenchModule m, Map<String, Object> args, Remote remote, boolean check) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : m.params()) {
            Object v = args.containsKey(p.name()) ? args.get(p.name()) : p.defaultValue();
            values.put(p.name(), v instanceof Integer i ? Long.valueOf(i) : v);
        }
        args.keySet()
                .forEach(
                        k -> {
                            if (m.params().stream().noneMatch(p -> p.name().equals(k))) {
                                throw new IllegalArgumentException("unknown parameter " + k);
                            }
                        });
        values.values().removeIf(java.util.Objects::isNull);
        return new ModuleContext(
                "testhost", new Args(values), Map.of(), remote, null, check, false);
    }
}
