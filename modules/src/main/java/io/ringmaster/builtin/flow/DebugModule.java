package io.ringmaster.builtin.flow;

import io.ringmaster.module.api.Args;
import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code debug}: shows a message ({@code msg}, any value, default {@code Hello world!})
 * or the value of a variable ({@code var: out.stdout}). Like Ansible, an undefined {@code var} is
 * shown as {@code VARIABLE IS NOT DEFINED!} instead of failing. {@code verbosity} is put in the
 * result as {@code verbosity} for the engine, which decides whether to show it.
 */
public final class DebugModule implements Module {

    static final String UNDEFINED = "VARIABLE IS NOT DEFINED!";

    @Override
    public String name() {
        return "debug";
    }

    @Override
    public boolean usesOnlyFacts() {
        return true;
    }

    @Override
    public String description() {
        return "Shows a message or a variable's value";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.optional("msg", ParamType.RAW, "The message to show")
                        .withDefault("Hello world!"),
                Param.optional(
                        "var",
                        ParamType.STRING,
                        "A variable to show, e.g. out.stdout; instead of msg"),
                Param.optional("verbosity", ParamType.INT, "Show only at this -v level or above")
                        .withDefault(0L));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> literalArgs) {
        if (literalArgs.get("msg") != null && literalArgs.get("var") != null) {
            return List.of("debug takes msg or var, not both; keep one");
        }
        return List.of();
    }

    @Override
    public ModuleResult run(ModuleContext ctx) {
        Args args = ctx.args();
        long verbosity = args.integer("verbosity").orElse(0L);
        if (args.has("var")) {
            String var = args.requireString("var");
            Object value;
            try {
                value = ctx.expr().value(var);
            } catch (ExpressionException e) {
                value = null;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("verbosity", verbosity);
            data.put(var, value == null ? UNDEFINED : value);
            return new ModuleResult.Ok("", data);
        }
        Object msg = args.has("msg") ? args.raw("msg") : "Hello world!";
        return new ModuleResult.Ok(String.valueOf(msg), Map.of("msg", msg, "verbosity", verbosity));
    }
}
