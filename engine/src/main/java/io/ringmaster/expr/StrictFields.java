package io.ringmaster.expr;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of a condition's variables in which reading a key a map does not have is
 * recorded (Velocity itself gives null there, and null == 1 is simply false): conditions are strict
 * about fields, as Ansible's "'dict object' has no attribute" is. {@code containsKey} and every
 * other map method behave as usual.
 */
final class StrictFields {
    private StrictFields() {}

    /**
     * Keeps the first missing field read, except fields the condition gives a default ({@code
     * ${x.f|'d'}}).
     */
    static final class Recorder {
        private final Set<String> defaulted;
        private String first;

        Recorder(String condition) {
            defaulted = new java.util.HashSet<>();
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\\$!?\\{\\s*([A-Za-z_][\\w.]*)\\s*\\|")
                            .matcher(condition);
            while (m.find()) {
                defaulted.add("$" + m.group(1));
            }
        }

        void missing(String field, String of) {
            if (first == null && !defaulted.contains(of + "." + field)) {
                first = "field '" + field + "' of " + of + " is not defined";
            }
        }

        String first() {
            return first;
        }
    }

    /**
     * The variables, whose map values record missing fields (top-level names are Velocity's own
     * business).
     */
    static Map<String, Object> view(Map<String, Object> vars, Recorder recorder) {
        return new AbstractMap<>() {
            @Override
            public Object get(Object key) {
                return wrap(vars.get(key), "$" + key, recorder);
            }

            @Override
            public boolean containsKey(Object key) {
                return vars.containsKey(key);
            }

            @Override
            public Set<Entry<String, Object>> entrySet() {
                return vars.entrySet();
            }
        };
    }

    private static Object wrap(Object value, String path, Recorder recorder) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        return new AbstractMap<Object, Object>() {
            @Override
            public Object get(Object key) {
                if (!map.containsKey(key)) {
                    recorder.missing(String.valueOf(key), path);
                    return null;
                }
                return wrap(map.get(key), path + "." + key, recorder);
            }

            @Override
            public boolean containsKey(Object key) {
                return map.containsKey(key);
            }

            @Override
            @SuppressWarnings("unchecked")
            public Set<Entry<Object, Object>> entrySet() {
                return (Set<Entry<Object, Object>>) (Set<?>) map.entrySet();
            }
        };
    }
}
