package io.ringmaster.cli;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import io.ringmaster.parse.YamlReader;
import io.ringmaster.playbook.PlaybookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -e} values as ansible-playbook takes them: {@code key=value} pairs (strings, several per
 * flag), {@code @file.yml}, or inline YAML/JSON ({@code '{"vms": [a, b]}'}). Later flags win.
 */
final class ExtraVars {
    private ExtraVars() {}

    static Map<String, Object> parse(List<String> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String v : values) {
            String s = v.strip();
            if (s.startsWith("@")) {
                Path file = Path.of(s.substring(1));
                if (!Files.isRegularFile(file)) {
                    throw new UserError(
                            Position.of(file),
                            "extra vars file not found",
                            "give an existing YAML file after -e @");
                }
                out.putAll(PlaybookLoader.loadVarsFile(file));
            } else if (s.startsWith("{")) {
                out.putAll(inline(s));
            } else {
                out.putAll(pairs(s));
            }
        }
        return out;
    }

    /**
     * {@code -e '{"a": 1}'}: YAML (JSON is YAML) read by the playbooks' own front-end, so numbers,
     * duplicate keys and errors are as in a vars file; positions are given as {@code
     * -e:LINE:COLUMN}.
     */
    private static Map<String, Object> inline(String s) {
        Object o = YamlReader.parse(s, Path.of("-e")).map(YamlReader::toPlain).orElse(null);
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), val));
            return out;
        }
        throw new UserError(
                null, "-e " + s + ": expected a map", "write -e '{\"name\": \"value\"}'");
    }

    private static Map<String, Object> pairs(String s) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String token : s.split("\\s+(?=[A-Za-z_][A-Za-z0-9_]*=)")) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new UserError(
                        null,
                        "-e " + s + ": expected name=value, @file or a YAML map",
                        "for example -e vm_memory_mib=4096 or -e @vars.yml");
            }
            String key = token.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new UserError(
                        null,
                        "-e: '" + key + "' is not a valid variable name",
                        "names are letters, digits and _, not starting with a digit");
            }
            String value = token.substring(eq + 1);
            if (value.length() >= 2
                    && (value.startsWith("'") && value.endsWith("'")
                            || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(key, value);
        }
        return out;
    }
}
