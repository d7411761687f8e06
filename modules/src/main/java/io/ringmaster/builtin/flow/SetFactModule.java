package io.ringmaster.builtin.flow;

import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ansible's {@code set_fact}: sets host variables for the rest of the play, e.g. {@code set_fact:
 * {pool_dir: /srv/pools, retries: 3}}. Reports ok (never changed), with the variables under {@code
 * ansible_facts}.
 *
 * <p><b>Any keys.</b> The keys are the user's variable names, so the module declares the wildcard
 * parameter: by the module API's convention a {@link Param} named {@code "*"} of type {@link
 * ParamType#RAW} tells the engine to accept every key, render each value and put them all in {@code
 * Args} under their own names. {@code cacheable} is accepted and ignored (there is no fact cache).
 * Free-form {@code k=v} is not supported: write a map.
 *
 * <p>Names must be identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}) so Velocity can reference them, and
 * values must not be null, since Velocity's strict mode treats a null as undefined.
 */
public final class SetFactModule implements Module {

    /** The wildcard parameter's name. */
    public static final String ANY_KEY = "*";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Override
    public String name() {
        return "set_fact";
    }

    @Override
    public boolean usesOnlyFacts() {
        return true;
    }

    @Override
    public String description() {
        return "Sets host variables for the rest of the play";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.optional(ANY_KEY, ParamType.RAW, "Any variable name, with its value"),
                Param.optional(
                        "cacheable",
                        ParamType.BOOL,
                        "Accepted for Ansible compatibility; ignored"));
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
    public List<String> validate(Map<String, Object> literalArgs) {
        List<String> problems = new ArrayList<>();
        for (String key : literalArgs.keySet()) {
            if (!key.equals("cacheable") && !NAME.matcher(key).matches()) {
                problems.add(badName(key));
            }
        }
        if (facts(literalArgs).isEmpty()) {
            problems.add(
                    "set_fact needs at least one variable, e.g. set_fact: {pool_dir: /srv/pools}");
        }
        return problems;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) {
        Map<String, Object> facts = facts(ctx.args().values());
        if (facts.isEmpty()) {
            return ModuleResult.failed(
                    "set_fact on "
                            + ctx.host()
                            + " was given no variables;"
                            + " give at least one, e.g. set_fact: {pool_dir: /srv/pools}");
        }
        for (Map.Entry<String, Object> e : facts.entrySet()) {
            if (!NAME.matcher(e.getKey()).matches()) {
                return ModuleResult.failed(badName(e.getKey()) + " (on " + ctx.host() + ")");
            }
            if (e.getValue() == null) {
                return ModuleResult.failed(
                        "set_fact on "
                                + ctx.host()
                                + ": the value of '"
                                + e.getKey()
                                + "' is null, which templates cannot use; give a value such as '' or []");
            }
        }
        return new ModuleResult.Ok("", Map.of("ansible_facts", Collections.unmodifiableMap(facts)));
    }

    private static Map<String, Object> facts(Map<String, Object> args) {
        Map<String, Object> facts = new LinkedHashMap<>();
        args.forEach(
                (k, v) -> {
                    if (!k.equals("cacheable") && !k.equals(ANY_KEY)) {
                        facts.put(k, v);
                    }
                });
        return facts;
    }

    private static String badName(String key) {
        return "set_fact: '"
                + key
                + "' is not a valid variable name; use letters, digits and _ only,"
                + " not starting with a digit (e.g. "
                + suggestion(key)
                + ")";
    }

    private static String suggestion(String key) {
        String s = key.replaceAll("[^A-Za-z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }
}
