package io.ringmaster.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable layers from lowest to highest precedence; {@link #merge()} flattens them (later layers
 * win, maps are replaced, not merged, as Ansible's default {@code hash_behaviour=replace}).
 *
 * <p>Precedence, lowest first: role defaults; inventory ({@code all}, parent groups, child groups,
 * host, with group_vars/ and host_vars/); facts; play vars; vars_files; role vars; block vars; task
 * vars; registered results and set_fact; role parameters; extra vars ({@code -e}).
 */
public final class VarLayers {
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
