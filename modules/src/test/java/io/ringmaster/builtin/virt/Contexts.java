package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.fixtures.TestExpressions;
import io.ringmaster.module.api.Args;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.Remote;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link ModuleContext} as the engine would: declared defaults filled in, INT as Long. */
public final class Contexts {
    private Contexts() {}

    public static ModuleContext of(
            Module m, Map<String, Object> args, Remote remote, boolean check, boolean diff) {
        return of(
                m,
                args,
                Map.of(),
                remote,
                List.of(TestExpressions.projectTemplates()),
                check,
                diff);
    }

    public static ModuleContext of(
            Module m,
            Map<String, Object> args,
            Map<String, Object> vars,
            Remote remote,
            List<Path> roots,
            boolean check,
            boolean diff) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : m.params()) {
            Object v = args.containsKey(p.name()) ? args.get(p.name()) : p.defaultValue();
            if (v instanceof Integer i) {
                v = i.longValue();
            }
            if (v != null) {
                values.put(p.name(), v);
            }
        }
        for (String k : args.keySet()) {
            if (m.params().stream().noneMatch(p -> p.name().equals(k))) {
                throw new IllegalArgumentException("unknown parameter " + k + " for " + m.name());
            }
        }
        return new ModuleContext(
                "testhost",
                new Args(values),
                vars,
                remote,
                new TestExpressions(roots, vars),
                check,
                diff);
    }
}
