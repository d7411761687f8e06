package io.ringmaster.inventory;

import java.util.Map;

/**
 * One inventory host with its own variables: those written in the inventory sources, then those of
 * {@code host_vars/NAME}, later wins. Group variables are not merged in; see {@link
 * Inventory#varsFor(String)}.
 */
public record Host(String name, Map<String, Object> vars) {
    public Host {
        vars = Values.unmodifiable(vars);
    }
}
