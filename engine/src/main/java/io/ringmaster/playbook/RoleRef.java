package io.ringmaster.playbook;

import java.nio.file.Path;
import java.util.Map;

/**
 * The role a task belongs to: its directory (for {@code templates/} lookup) and its variables.
 *
 * @param name the role's name
 * @param dir the role's directory ({@code roles/NAME})
 * @param defaults {@code defaults/main.yml} (lowest precedence)
 * @param vars {@code vars/main.yml}
 * @param params the parameters given where the role was used (above set_fact and registered
 *     results, as in Ansible)
 */
public record RoleRef(
        String name,
        Path dir,
        Map<String, Object> defaults,
        Map<String, Object> vars,
        Map<String, Object> params) {
    public RoleRef {
        defaults = OrderedMaps.frozen(defaults);
        vars = OrderedMaps.frozen(vars);
        params = OrderedMaps.frozen(params);
    }
}
