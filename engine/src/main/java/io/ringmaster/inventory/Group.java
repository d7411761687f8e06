package io.ringmaster.inventory;

import java.util.List;
import java.util.Map;

/**
 * One inventory group: its direct member hosts and child groups, in definition order, and its
 * variables (the inventory sources' ones, then {@code group_vars/NAME} over them).
 */
public record Group(
        String name, List<String> hosts, List<String> children, Map<String, Object> vars) {
    public Group {
        hosts = List.copyOf(hosts);
        children = List.copyOf(children);
        vars = Values.unmodifiable(vars);
    }
}
