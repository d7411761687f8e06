package io.ringmaster.builtin.flow;

import io.ringmaster.module.api.Args;
import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code assert}: checks that every condition in {@code that} holds, in order, and fails
 * on the first that does not. Conditions are the engine's Velocity expressions, e.g. {@code $out.rc
 * == 0}.
 *
 * <p>{@code that} is declared EXPRESSION (the engine leaves it unrendered), not LIST, so that a
 * condition containing a comma is never split; a single string is one condition. The engine must
 * pass the conditions unrendered (as it does for {@code when}): rendering them first would turn
 * {@code $out.stdout == "x"} into {@code x == "x"}.
 */
public final class AssertModule implements Module {

    @Override
    public String name() {
        return "assert";
    }

    @Override
    public boolean usesOnlyFacts() {
        return true;
    }

    @Override
    public String description() {
        return "Checks that expressions are true, failing the host otherwise";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required(
                        "that",
                        ParamType.EXPRESSION,
                        "Conditions that must all be true (a list or one string)"),
                Param.optional("fail_msg", ParamType.STRING, "Message when an assertion fails")
                        .withAliases("msg"),
                Param.optional("success_msg", ParamType.STRING, "Message when all assertions pass"),
                Param.optional("quiet", ParamType.BOOL, "Show less output (display only)")
                        .withDefault(false));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> literalArgs) {
        Object that = literalArgs.get("that");
        if (that instanceof List<?> list && list.isEmpty()
                || that instanceof String s && s.isBlank()) {
            return List.of(
                    "assert needs at least one condition in 'that', e.g. that: ['$out.rc == 0']");
        }
        if (that instanceof Map) {
            return List.of(
                    "assert's 'that' must be a list of conditions or one condition, not a map");
        }
        return List.of();
    }

    @Override
    public ModuleResult run(ModuleContext ctx) {
        Args args = ctx.args();
        for (String condition : conditions(args.raw("that"))) {
            boolean holds;
            try {
                holds = ctx.expr().test(condition);
            } catch (ExpressionException e) {
                return new ModuleResult.Failed(
                        "cannot evaluate the assertion '"
                                + condition
                                + "' on "
                                + ctx.host()
                                + ": "
                                + e.getMessage(),
                        Map.of("assertion", condition));
            }
            if (!holds) {
                String msg = args.string("fail_msg").orElse("Assertion failed: " + condition);
                return new ModuleResult.Failed(
                        msg, Map.of("assertion", condition, "evaluated_to", false));
            }
        }
        // quiet: the console leaves the message out, as Ansible's quiet assert does (data "quiet"
        // tells it so)
        return new ModuleResult.Ok(
                args.string("success_msg").orElse("All assertions passed"),
                args.bool("quiet") ? Map.of("quiet", true) : Map.of());
    }

    private static List<String> conditions(Object that) {
        if (that instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object c : list) {
                out.add(String.valueOf(c));
            }
            return out;
        }
        return that == null ? List.of() : List.of(String.valueOf(that));
    }
}
