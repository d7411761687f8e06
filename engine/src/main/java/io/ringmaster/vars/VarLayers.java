package io.ringmaster.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable layers from lowest to highest precedence; {@link #merge()} flattens them (later layers
 * win, maps are replaced, not merged, as Ansible's default {@code hash_behaviour=replace}). The
 * order of a task's variables is {@link #ofTask}'s, and only written there.
 */
public final class VarLayers {
    /**
     * Where a task's variables come from, one field per layer (null or empty: none).
     *
     * @param cliDefaults what the command line and ansible.cfg set for every host (data)
     * @param roleDefaults the task's role's {@code defaults/}
     * @param inventory inventory vars ({@code all}, parent groups, child groups, host, with
     *     group_vars/ and host_vars/)
     * @param facts gathered facts (data)
     * @param playVars the play's {@code vars:}
     * @param varsFiles the play's {@code vars_files:} for this host
     * @param roleVars the task's role's {@code vars/}
     * @param blockVars the enclosing blocks' {@code vars:}, outermost first
     * @param taskVars the task's {@code vars:}
     * @param registered registered results and set_fact (data)
     * @param roleParams the role's parameters
     * @param loopVars the loop item and loop variables of this attempt (data)
     * @param magic inventory_hostname, groups, hostvars and the other magic variables (data)
     * @param extraVars {@code -e}
     */
    public record Sources(
            Map<String, ?> cliDefaults,
            Map<String, ?> roleDefaults,
            Map<String, ?> inventory,
            Map<String, ?> facts,
            Map<String, ?> playVars,
            Map<String, ?> varsFiles,
            Map<String, ?> roleVars,
            List<? extends Map<String, ?>> blockVars,
            Map<String, ?> taskVars,
            Map<String, ?> registered,
            Map<String, ?> roleParams,
            Map<String, ?> loopVars,
            Map<String, ?> magic,
            Map<String, ?> extraVars) {}

    /**
     * A task's variables in Ansible's precedence, lowest first: command-line defaults, role
     * defaults, inventory, facts, play vars, vars_files, role vars, block vars, task vars,
     * registered results and set_fact, role parameters, loop variables, magic variables, extra vars
     * ({@code -e}).
     */
    public static VarLayers ofTask(Sources s) {
        VarLayers layers = new VarLayers();
        layers.addData(s.cliDefaults());
        layers.add(s.roleDefaults());
        layers.add(s.inventory());
        layers.addData(s.facts());
        layers.add(s.playVars());
        layers.add(s.varsFiles());
        layers.add(s.roleVars());
        if (s.blockVars() != null) {
            s.blockVars().forEach(layers::add);
        }
        layers.add(s.taskVars());
        layers.addData(s.registered());
        layers.add(s.roleParams());
        layers.addData(s.loopVars());
        layers.addData(s.magic());
        layers.add(s.extraVars());
        return layers;
    }

    private final List<Map<String, ?>> layers = new ArrayList<>();
    private final List<Boolean> literal = new ArrayList<>();

    /**
     * A layer written by people (playbook, inventory, -e): values holding expressions are rendered
     * when read.
     */
    public VarLayers add(Map<String, ?> layer) {
        return add(layer, false);
    }

    /**
     * A layer of data (registered results, facts, magic variables): taken as it is, never rendered,
     * so a command's output holding {@code $HOME} stays text.
     */
    public VarLayers addData(Map<String, ?> layer) {
        return add(layer, true);
    }

    private VarLayers add(Map<String, ?> layer, boolean isData) {
        if (layer != null && !layer.isEmpty()) {
            layers.add(layer);
            literal.add(isData);
        }
        return this;
    }

    public Map<String, Object> merge() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, ?> layer : layers) {
            out.putAll(layer);
        }
        return out;
    }

    /** The variables, rendered lazily except those whose winning layer is data. */
    public LazyVars lazy(io.ringmaster.expr.Templar templar) {
        Map<String, Object> out = new LinkedHashMap<>();
        java.util.Set<String> data = new java.util.HashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            boolean isData = literal.get(i);
            for (Map.Entry<String, ?> e : layers.get(i).entrySet()) {
                out.put(e.getKey(), e.getValue());
                if (isData) {
                    data.add(e.getKey());
                } else {
                    data.remove(e.getKey());
                }
            }
        }
        return new LazyVars(out, data, templar);
    }
}
