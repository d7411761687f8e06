package io.ringmaster.executor;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.expr.Templar;
import io.ringmaster.expr.Truth;
import io.ringmaster.module.api.Args;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.playbook.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a task's arguments against its module's declared parameters and converts them to their
 * types. Used twice: before any host is contacted (on the literal values; expressions are skipped)
 * and on each host after rendering. A module declaring a parameter named {@code *} accepts any key
 * (as {@code set_fact} does).
 */
public final class ArgBinder {
    private ArgBinder() {}

    /**
     * Problems with the arguments as written; values holding expressions are checked only for
     * presence.
     */
    public static List<String> checkLiteral(Module module, Map<String, Object> args) {
        List<String> problems = new ArrayList<>();
        bind(module, args, true, problems);
        if (problems.isEmpty()) {
            problems.addAll(module.validate(normalise(module, args)));
        }
        return problems;
    }

    /**
     * Binds rendered arguments; throws {@link IllegalArgumentException} with every problem found.
     */
    public static Args bindRendered(Module module, Map<String, Object> args) {
        List<String> problems = new ArrayList<>();
        Args bound = bind(module, args, false, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return bound;
    }

    /** Moves a free-form value onto the module's free-form parameter and resolves aliases. */
    static Map<String, Object> normalise(Module module, Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            String key = e.getKey();
            if (key.equals(Task.FREE_FORM) && module.freeFormParam().isPresent()) {
                key = module.freeFormParam().get();
            } else {
                key = canonical(module, key).orElse(key);
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    private static Optional<String> canonical(Module module, String key) {
        for (Param p : module.params()) {
            if (p.name().equals(key) || p.aliases().contains(key)) {
                return Optional.of(p.name());
            }
        }
        return Optional.empty();
    }

    private static Args bind(
            Module module,
            Map<String, Object> rawArgs,
            boolean literalOnly,
            List<String> problems) {
        boolean anyKey = module.params().stream().anyMatch(p -> p.name().equals("*"));
        Map<String, Object> args = normalise(module, rawArgs);
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> known =
                module.params().stream()
                        .map(Param::name)
                        .filter(n -> !n.equals("*"))
                        .collect(Collectors.toCollection(java.util.TreeSet::new));
        for (String key : args.keySet()) {
            if (key.equals(Task.FREE_FORM)) {
                problems.add(
                        "module '"
                                + module.name()
                                + "' takes no free-form value; give its parameters as a map ("
                                + String.join(", ", known)
                                + ")");
            } else if (!known.contains(key) && !anyKey) {
                problems.add(
                        "unknown parameter '"
                                + key
                                + "' for module '"
                                + module.name()
                                + "'"
                                + DidYouMean.suffix(key, known)
                                + " (valid: "
                                + String.join(", ", known)
                                + ")");
            }
        }
        for (Param p : module.params()) {
            if (p.name().equals("*")) {
                continue;
            }
            Object value = args.get(p.name());
            if (value == null) {
                if (p.required()) {
                    problems.add(
                            "missing required parameter '"
                                    + p.name()
                                    + "' for module '"
                                    + module.name()
                                    + "'");
                } else if (p.defaultValue() != null) {
                    out.put(p.name(), p.defaultValue());
                }
                continue;
            }
            if (literalOnly && Templar.holdsExpression(value)) {
                out.put(p.name(), value);
                continue;
            }
            try {
                Object converted = convert(p.type(), value);
                if (!p.choices().isEmpty() && !p.choices().contains(String.valueOf(converted))) {
                    problems.add(
                            "parameter '"
                                    + p.name()
                                    + "' of module '"
                                    + module.name()
                                    + "' must be one of "
                                    + p.choices()
                                    + ", not '"
                                    + converted
                                    + "'"
                                    + DidYouMean.suffix(String.valueOf(converted), p.choices()));
                }
                out.put(p.name(), converted);
            } catch (IllegalArgumentException e) {
                problems.add(
                        "parameter '"
                                + p.name()
                                + "' of module '"
                                + module.name()
                                + "': "
                                + e.getMessage());
            }
        }
        if (anyKey) {
            for (Map.Entry<String, Object> e : args.entrySet()) {
                out.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return new Args(out);
    }

    static Object convert(ParamType type, Object value) {
        return switch (type) {
            case RAW, EXPRESSION, TEMPLATE -> value;
            case STRING -> {
                if (value instanceof Map || value instanceof List) {
                    throw new IllegalArgumentException("expected a string, got a " + kind(value));
                }
                yield String.valueOf(value);
            }
            case INT -> {
                if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    yield n.longValue();
                }
                if (value instanceof String s && s.strip().matches("-?\\d+")) {
                    yield Long.parseLong(s.strip());
                }
                throw new IllegalArgumentException("expected a whole number, got '" + value + "'");
            }
            case BOOL -> toBool(value);
            case LIST -> {
                if (value instanceof List<?> l) {
                    yield l;
                }
                if (value instanceof String s) {
                    yield Arrays.stream(s.split(","))
                            .map(String::strip)
                            .filter(x -> !x.isEmpty())
                            .map(x -> (Object) x)
                            .toList();
                }
                if (value instanceof Map) {
                    throw new IllegalArgumentException("expected a list, got a map");
                }
                yield List.of(value);
            }
            case MAP -> {
                if (value instanceof Map<?, ?> m) {
                    yield m;
                }
                throw new IllegalArgumentException(
                        "expected a map, got " + kind(value) + " '" + value + "'");
            }
            case MODE -> {
                if (value instanceof Number n) {
                    // YAML 1.1 read an unquoted 0644 as the octal number 420: give back what was
                    // written.
                    yield "0" + Long.toOctalString(n.longValue());
                }
                String s = String.valueOf(value).strip();
                if (!s.matches("0?[0-7]{3,4}")
                        && !s.matches("[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*")) {
                    throw new IllegalArgumentException(
                            "expected a file mode such as '0644' or 'u=rw,g=r', got '" + s + "'");
                }
                yield s;
            }
        };
    }

    static boolean toBool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return Truth.ofWord(String.valueOf(value))
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "expected a boolean (true/false, yes/no), got '"
                                                + value
                                                + "'"));
    }

    private static String kind(Object v) {
        return v instanceof Map ? "map" : v instanceof List ? "list" : v == null ? "null" : "value";
    }
}
