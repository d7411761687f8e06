package io.ringmaster.inventory;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects hosts, groups and their inventory-file variables while sources are parsed, the way
 * Ansible's {@code InventoryData} does: groups {@code all} and {@code ungrouped} always exist, and
 * {@link #reconcile()} (run after each source) puts parentless groups under {@code all} and
 * groupless hosts in {@code ungrouped}. One builder per {@link Inventory#load}; not shared.
 */
final class InventoryBuilder {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";

    /** A group while it is being built. */
    private static final class GroupData {
        final Set<String> hosts = new java.util.LinkedHashSet<>();
        final List<String> children = new ArrayList<>();
        final List<String> parents = new ArrayList<>();
        final Map<String, Object> vars = new LinkedHashMap<>();
    }

    private final Map<String, GroupData> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> hosts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    InventoryBuilder() {
        addGroup(ALL);
        addGroup(UNGROUPED);
        addChild(ALL, UNGROUPED, null);
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    Collection<String> groupNames() {
        return groups.keySet();
    }

    Collection<String> hostNames() {
        return hosts.keySet();
    }

    void addGroup(String name) {
        groups.computeIfAbsent(name, n -> new GroupData());
    }

    /** Adds {@code host} (if new) and makes it a direct member of {@code group} (if not null). */
    void addHost(String host, String group) {
        hosts.computeIfAbsent(host, h -> new LinkedHashMap<>());
        if (group != null) {
            addGroup(group);
            groups.get(group).hosts.add(host);
        }
    }

    void setHostVar(String host, String key, Object value) {
        hosts.get(host).put(key, value);
    }

    void setGroupVar(String group, String key, Object value) {
        groups.get(group).vars.put(key, value);
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    /** Makes {@code child} a child group of {@code parent}; both exist. Refuses a cycle. */
    void addChild(String parent, String child, Position at) {
        GroupData p = groups.get(parent);
        if (p.children.contains(child)) {
            return;
        }
        List<String> path = pathDown(child, parent, new HashSet<>());
        if (path != null) {
            List<String> cycle = new ArrayList<>();
            cycle.add(parent);
            cycle.addAll(path);
            throw new UserError(
                    at,
                    "group '"
                            + parent
                            + "' would be its own ancestor: "
                            + String.join(" -> ", cycle),
                    "a group cannot contain itself, directly or through its children; remove one of these links");
        }
        p.children.add(child);
        groups.get(child).parents.add(parent);
    }

    /** The child path from {@code from} down to {@code to} (both included), or null. */
    private List<String> pathDown(String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return new ArrayList<>(List.of(from));
        }
        if (!seen.add(from)) {
            return null;
        }
        for (String kid : groups.get(from).children) {
            List<String> rest = pathDown(kid, to, seen);
            if (rest != null) {
                rest.add(0, from);
                return rest;
            }
        }
        return null;
    }

    /**
     * Ansible's {@code reconcile_inventory}: parentless groups under all; groupless hosts in
     * ungrouped only.
     */
    void reconcile() {
        for (Map.Entry<String, GroupData> e : groups.entrySet()) {
            if (!e.getKey().equals(ALL) && e.getValue().parents.isEmpty()) {
                addChild(ALL, e.getKey(), null);
            }
        }
        Map<String, Set<String>> memberOf = new LinkedHashMap<>();
        groups.forEach(
                (name, g) ->
                        g.hosts.forEach(
                                h -> memberOf.computeIfAbsent(h, k -> new HashSet<>()).add(name)));
        Set<String> ungrouped = groups.get(UNGROUPED).hosts;
        for (String host : hosts.keySet()) {
            Set<String> mine = new HashSet<>(memberOf.getOrDefault(host, Set.of()));
            mine.remove(ALL);
            boolean inUngrouped = mine.remove(UNGROUPED);
            if (inUngrouped && !mine.isEmpty()) {
                ungrouped.remove(host);
            } else if (!inUngrouped && mine.isEmpty()) {
                ungrouped.add(host);
            }
        }
    }

    /** Hosts with their inventory-file vars, in definition order. */
    Map<String, Map<String, Object>> hostVars() {
        return hosts;
    }

    /** Groups with their inventory-file vars, in definition order. */
    Map<String, Group> groups() {
        Map<String, Group> out = new LinkedHashMap<>();
        groups.forEach(
                (name, g) ->
                        out.put(name, new Group(name, List.copyOf(g.hosts), g.children, g.vars)));
        return out;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
