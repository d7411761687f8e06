package io.ringmaster.module.api;

import java.util.List;
import java.util.Objects;

/**
 * One declared module parameter.
 *
 * @param name the key in the task
 * @param type what the value must be after rendering
 * @param required whether the task must give it
 * @param defaultValue the value used when absent (null for none)
 * @param choices allowed values (strings), empty for any
 * @param aliases other accepted keys
 * @param description one line for {@code ringmaster modules}
 */
public record Param(
        String name,
        ParamType type,
        boolean required,
        Object defaultValue,
        List<String> choices,
        List<String> aliases,
        String description) {

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
        aliases = List.copyOf(aliases);
        description = description == null ? "" : description;
    }

    public static Param required(String name, ParamType type, String description) {
        return new Param(name, type, true, null, List.of(), List.of(), description);
    }

    public static Param optional(String name, ParamType type, String description) {
        return new Param(name, type, false, null, List.of(), List.of(), description);
    }

    public Param withDefault(Object value) {
        return new Param(name, type, required, value, choices, aliases, description);
    }

    public Param withChoices(String... values) {
        return new Param(name, type, required, defaultValue, List.of(values), aliases, description);
    }

    public Param withAliases(String... names) {
        return new Param(name, type, required, defaultValue, choices, List.of(names), description);
    }
}
