package io.ringmaster.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable layers from lowest to highest precedence; {@link #merge()} flattens them (later layers win, maps are
 * replaced, not merged, as Ansible's default {@code hash_behaviour=replace}).
 *
 * <p>Precedence, lowest first: role defaults; inventory ({@code all}, parent groups, child groups, host, with
 * group_vars/ and host_vars/); facts; play vars; vars_files; role vars and role parameters; block vars; task vars;
 * registered results and set_fact; extra vars ({@code -e}).
 */
public final class VarLayers {
    private final List<Map<String, ?>> layers = new ArrayList<>();

    public VarLayers add(Map<String, ?> layer) {
        if (layer != null && !layer.isEmpty()) {
            layers.add(layer);
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
}
