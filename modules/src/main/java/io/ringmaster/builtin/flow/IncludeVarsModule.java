package io.ringmaster.builtin.flow;

import io.ringmaster.builtin.files.ControllerFiles;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Ansible's {@code include_vars}: reads a YAML (or JSON) file of variables on the control machine
 * (the role's {@code vars/}, the role, the playbook's {@code vars/}, beside the playbook) while the
 * play runs, and sets them on the host, at {@code set_fact}'s precedence; {@code name} puts them
 * under one variable.
 */
public final class IncludeVarsModule implements Module {

    @Override
    public String name() {
        return "include_vars";
    }

    @Override
    public String description() {
        return "Load variables from a YAML/JSON file on the control machine while the play runs";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required(
                        "file",
                        ParamType.STRING,
                        "the file (vars/ of the role or playbook, or beside the playbook)"),
                Param.optional(
                        "name",
                        ParamType.STRING,
                        "put the file's variables under this one variable"));
    }

    @Override
    public Optional<String> freeFormParam() {
        return Optional.of("file");
    }

    @Override
    public boolean returnsFacts() {
        return true;
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) {
        String name = ctx.args().requireString("file");
        Optional<Path> file = ControllerFiles.find(name, "vars", ctx.vars());
        if (file.isEmpty()) {
            return fail(
                    ctx,
                    "could not find "
                            + name
                            + "; "
                            + ControllerFiles.searched(name, "vars", ctx.vars()));
        }
        Object loaded;
        try {
            loaded =
                    new Yaml(new SafeConstructor(new LoaderOptions()))
                            .load(Files.readString(file.get()));
        } catch (MarkedYAMLException e) {
            return fail(
                    ctx,
                    file.get()
                            + ":"
                            + (e.getProblemMark().getLine() + 1)
                            + ":"
                            + (e.getProblemMark().getColumn() + 1)
                            + ": "
                            + e.getProblem());
        } catch (YAMLException | IOException e) {
            return fail(ctx, "cannot read " + file.get() + ": " + e.getMessage());
        }
        if (loaded == null) {
            loaded = Map.of();
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            return fail(
                    ctx,
                    file.get()
                            + " must hold a mapping of variable names to values, not a "
                            + loaded.getClass().getSimpleName());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) longs(map);
        Map<String, Object> facts =
                ctx.args()
                        .string("name")
                        .<Map<String, Object>>map(n -> Map.of(n, vars))
                        .orElse(vars);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ansible_facts", facts);
        data.put("ansible_included_var_files", List.of(file.get().toString()));
        return new ModuleResult.Ok("", data);
    }

    /**
     * YAML's Integers as Longs, as the playbook loader gives numbers; nulls dropped (templates are
     * strict).
     */
    static Object longs(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach(
                    (k, val) -> {
                        if (val != null) {
                            out.put(String.valueOf(k), longs(val));
                        }
                    });
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(longs(x)));
            return out;
        }
        return v;
    }

    private static ModuleResult fail(ModuleContext ctx, String msg) {
        return new ModuleResult.Failed("include_vars on " + ctx.host() + ": " + msg, Map.of());
    }
}
