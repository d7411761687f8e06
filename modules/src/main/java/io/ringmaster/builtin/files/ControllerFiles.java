package io.ringmaster.builtin.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a file on the control machine as Ansible looks up {@code copy}'s {@code src} or {@code
 * include_vars}' file: an absolute path as it is; otherwise in the role's {@code SUBDIR/}, the
 * role, the playbook's {@code SUBDIR/}, then beside the playbook.
 */
public final class ControllerFiles {
    private ControllerFiles() {}

    /** The places searched for {@code name}, in order. */
    public static List<Path> candidates(String name, String subdir, Map<String, Object> vars) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return List.of(p);
        }
        List<Path> out = new ArrayList<>();
        Object role = vars.get("role_path");
        if (role != null && !String.valueOf(role).isBlank()) {
            out.add(Path.of(String.valueOf(role), subdir, name));
            out.add(Path.of(String.valueOf(role), name));
        }
        Object dir = vars.get("playbook_dir");
        Path base = dir == null ? Path.of("") : Path.of(String.valueOf(dir));
        out.add(base.resolve(subdir).resolve(name));
        out.add(base.resolve(name));
        return out;
    }

    public static Optional<Path> find(String name, String subdir, Map<String, Object> vars) {
        return candidates(name, subdir, vars).stream().filter(Files::exists).findFirst();
    }

    /** "looked in a, b, c" for a message. */
    public static String searched(String name, String subdir, Map<String, Object> vars) {
        return "looked in "
                + String.join(
                        ", ", candidates(name, subdir, vars).stream().map(Path::toString).toList());
    }
}
