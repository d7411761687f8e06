package io.ringmaster.builtin.command;

import io.ringmaster.module.api.Args;
import io.ringmaster.module.api.Expressions;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.Remote;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-only: builds a {@link ModuleContext} the way the engine would, applying the module's
 * defaults.
 */
public final class Contexts {
    private Contexts() {}

    public static ModuleContext of(
            Module module, Map<String, Object> given, Remote remote, Expressions expr) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : module.params()) {
            if (p.defaultValue() != null) {
                values.put(p.name(), p.defaultValue());
            }
        }
        values.putAll(given);
        return new ModuleContext("web1", new Args(values), Map.of(), remote, expr, false, false);
    }

    public static ModuleContext of(Module module, Map<String, Object> given, Remote remote) {
        return of(module, given, remote, null);
    }
}
