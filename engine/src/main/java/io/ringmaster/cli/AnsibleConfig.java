package io.ringmaster.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code [defaults]} of an existing {@code ansible.cfg} that matter here (inventory, forks,
 * remote_user, private_key_file, host_key_checking, roles_path, timeout), found where Ansible looks
 * ({@code ANSIBLE_CONFIG}, {@code ./ansible.cfg}, {@code ~/.ansible.cfg}, {@code
 * /etc/ansible/ansible.cfg}); each is overridden by {@code ANSIBLE_<KEY>}, which {@code
 * RINGMASTER_<KEY>} overrides; command-line options override them all.
 */
final class AnsibleConfig {
    static final List<String> KEYS =
            List.of(
                    "inventory",
                    "forks",
                    "remote_user",
                    "private_key_file",
                    "host_key_checking",
                    "roles_path",
                    "timeout");

    private final Map<String, String> file;
    private final Path fileDir;
    private final Map<String, String> env;

    private AnsibleConfig(Map<String, String> file, Path fileDir, Map<String, String> env) {
        this.file = file;
        this.fileDir = fileDir;
        this.env = env;
    }

    static AnsibleConfig load(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(env.get("ANSIBLE_CONFIG")).ifPresent(p -> candidates.add(Path.of(p)));
        candidates.add(Path.of("ansible.cfg"));
        candidates.add(Path.of(System.getProperty("user.home"), ".ansible.cfg"));
        candidates.add(Path.of("/etc/ansible/ansible.cfg"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                try {
                    return new AnsibleConfig(
                            defaults(Files.readAllLines(p)), p.toAbsolutePath().getParent(), env);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage());
                }
            }
        }
        return new AnsibleConfig(Map.of(), Path.of(""), env);
    }

    /** The value: RINGMASTER_KEY, else ANSIBLE_KEY, else the file's [defaults] key. */
    Optional<String> get(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        return Optional.ofNullable(env.get("RINGMASTER_" + upper))
                .or(() -> Optional.ofNullable(env.get("ANSIBLE_" + upper)))
                .or(() -> Optional.ofNullable(file.get(key)))
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    /**
     * A path-list value (comma or colon separated), relative entries from the file resolved beside
     * it.
     */
    List<String> paths(String key, String separators) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return List.of();
        }
        boolean fromFile = file.containsKey(key) && v.get().equals(file.get(key).strip());
        List<String> out = new ArrayList<>();
        for (String part : v.get().split(separators)) {
            String s = part.strip().replaceFirst("^~(?=/)", System.getProperty("user.home"));
            if (!s.isEmpty()) {
                out.add(
                        fromFile && !s.startsWith("/") && !s.contains(",")
                                ? fileDir.resolve(s).toString()
                                : s);
            }
        }
        return out;
    }

    Optional<Integer> integer(String key) {
        return get(key).map(
                        v -> {
                            try {
                                return Integer.parseInt(v);
                            } catch (NumberFormatException e) {
                                throw new IllegalArgumentException(
                                        key
                                                + " must be a number, not '"
                                                + v
                                                + "' (ansible.cfg or environment)");
                            }
                        });
    }

    Optional<Boolean> bool(String key) {
        return get(key).map(v -> v.toLowerCase(Locale.ROOT).matches("true|yes|on|1|y|t"));
    }

    /** The {@code [defaults]} section's key = value lines (; and # start comments). */
    static Map<String, String> defaults(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean in = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                in = line.equals("[defaults]");
            } else if (in && line.contains("=")) {
                String value =
                        line.substring(line.indexOf('=') + 1)
                                .replaceFirst("\\s+[;#].*$", "")
                                .strip();
                out.put(line.substring(0, line.indexOf('=')).strip(), value);
            }
        }
        return out;
    }
}
