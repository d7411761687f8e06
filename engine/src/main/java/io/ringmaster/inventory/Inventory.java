package io.ringmaster.inventory;

import io.ringmaster.error.UserError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hosts and groups of one or more Ansible inventories (INI, YAML, directories, host lists) with
 * {@code group_vars/} and {@code host_vars/}, queried the way Ansible does. Immutable.
 *
 * <p>Variables of a host ({@link #varsFor}) follow Ansible's precedence, later wins, top-level keys
 * replaced: group {@code all} from inventory files, the host's other groups from inventory files,
 * {@code group_vars/all}, the other groups from {@code group_vars/}, the host's inventory vars,
 * {@code host_vars/}. Groups are ordered by depth below {@code all}, then {@code
 * ansible_group_priority} (from inventory files; default 1), then name.
 *
 * <p>{@code localhost} (also {@code 127.0.0.1}, {@code ::1}) can be targeted by name when absent
 * from the inventory, with {@code ansible_connection=local}; it is in no group and not matched by
 * {@code all}. (Ansible also sets {@code ansible_python_interpreter}; Ringmaster does not.)
 */
public final class Inventory {
    static final List<String> LOCALHOST_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, Host> implicit = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> hostFileVars;
    private final Map<String, Map<String, Object>> hostDirVars;
    private final Map<String, Map<String, Object>> groupFileVars = new HashMap<>();
    private final Map<String, Map<String, Object>> groupDirVars;
    private final Map<String, Integer> depth = new HashMap<>();
    private final Map<String, List<String>> groupHosts = new LinkedHashMap<>();
    private final List<String> warnings;
    private final HostPattern patterns;

    Inventory(
            Map<String, Map<String, Object>> hostFileVars,
            Map<String, Group> fileGroups,
            Map<String, Map<String, Object>> groupDirVars,
            Map<String, Map<String, Object>> hostDirVars,
            List<String> warnings) {
        this.hostFileVars = hostFileVars;
        this.hostDirVars = hostDirVars;
        this.groupDirVars = groupDirVars;
        this.warnings = List.copyOf(warnings);
        Map<String, Integer> order = new LinkedHashMap<>();
        hostFileVars.forEach(
                (name, vars) -> {
                    order.put(name, order.size());
                    hosts.put(name, new Host(name, merged(vars, hostDirVars.get(name))));
                });
        for (String name : LOCALHOST_NAMES) {
            if (!hosts.containsKey(name)) {
                implicit.put(
                        name,
                        new Host(
                                name,
                                merged(
                                        Map.of("ansible_connection", "local"),
                                        hostDirVars.get(name))));
            }
        }
        fileGroups.forEach(
                (name, g) -> {
                    groupFileVars.put(name, g.vars());
                    groups.put(
                            name,
                            new Group(
                                    name,
                                    g.hosts(),
                                    g.children(),
                                    merged(g.vars(), groupDirVars.get(name))));
                });
        groups.keySet().forEach(this::depth);
        for (String name : groups.keySet()) {
            Set<String> members = new LinkedHashSet<>();
            collectHosts(name, members, new LinkedHashSet<>());
            List<String> sorted = new ArrayList<>(members);
            sorted.sort(Comparator.comparing(order::get));
            groupHosts.put(name, Collections.unmodifiableList(sorted));
        }
        groupHosts.put(InventoryBuilder.ALL, List.copyOf(hosts.keySet()));
        this.patterns = new HostPattern(order, groupHosts, implicit.keySet());
    }

    /**
     * Reads the given {@code -i} sources: inventory files, directories, or comma-separated host
     * lists.
     */
    public static Inventory load(List<String> sources) {
        return InventorySources.load(sources);
    }

    /** An inventory with no hosts: only the implicit localhost. */
    public static Inventory empty() {
        return InventorySources.load(List.of());
    }

    /** Every host, in inventory order; the implicit localhost is not among them. */
    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    /** A host by name, including the implicit localhost. */
    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.containsKey(name) ? hosts.get(name) : implicit.get(name));
    }

    /** Every group, including {@code all} and {@code ungrouped}, in definition order. */
    public Map<String, Group> groups() {
        return Collections.unmodifiableMap(groups);
    }

    /**
     * Every group {@code host} is in, directly or through child groups, sorted, including {@code
     * all}; empty for the implicit localhost or an unknown host.
     */
    public List<String> groupNamesOf(String host) {
        return groupNamesCache.computeIfAbsent(host, this::computeGroupNamesOf);
    }

    private List<String> computeGroupNamesOf(String host) {
        return groupHosts.entrySet().stream()
                .filter(e -> e.getValue().contains(host))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /**
     * The host's variables merged in Ansible's precedence (see the class comment). Unmodifiable.
     */
    public Map<String, Object> varsFor(String host) {
        Map<String, Object> cached = varsCache.get(host);
        if (cached != null) {
            return cached;
        }
        Map<String, Object> computed = computeVarsFor(host);
        varsCache.putIfAbsent(host, computed);
        return computed;
    }

    /**
     * Every task on every host reads these: the inventory never changes during a run, so each is
     * merged once.
     */
    private final Map<String, Map<String, Object>> varsCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, List<String>> groupNamesCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Map<String, Object> computeVarsFor(String host) {
        Map<String, Object> vars = new LinkedHashMap<>();
        String all = InventoryBuilder.ALL;
        if (implicit.containsKey(host)) {
            Values.combine(vars, groupFileVars.get(all));
            Values.combine(vars, groupDirVars.get(all));
            Values.combine(vars, implicit.get(host).vars());
            return Collections.unmodifiableMap(vars);
        }
        if (!hosts.containsKey(host)) {
            throw new IllegalArgumentException("no host '" + host + "' in the inventory");
        }
        List<String> mine = new ArrayList<>(groupNamesOf(host));
        mine.remove(all);
        mine.sort(
                Comparator.comparing((String g) -> depth.get(g))
                        .thenComparing(this::priority)
                        .thenComparing(g -> g));
        Values.combine(vars, groupFileVars.get(all));
        mine.forEach(g -> Values.combine(vars, groupFileVars.get(g)));
        Values.combine(vars, groupDirVars.get(all));
        mine.forEach(g -> Values.combine(vars, groupDirVars.get(g)));
        Values.combine(vars, hostFileVars.get(host));
        Values.combine(vars, hostDirVars.get(host));
        return Collections.unmodifiableMap(vars);
    }

    /**
     * Ansible's {@code groups} magic variable: every group to all its hosts (transitively), in
     * inventory order.
     */
    public Map<String, List<String>> groupsMagic() {
        return Collections.unmodifiableMap(groupHosts);
    }

    /**
     * The hosts a host pattern selects, in inventory order; see {@link HostPattern} for the syntax.
     */
    public List<String> select(String pattern) {
        return patterns.select(pattern);
    }

    /**
     * The parts of a pattern that match no host or group, for a warning (suggest from hosts and
     * group names).
     */
    public List<String> unmatchedPatternParts(String pattern) {
        return patterns.unmatched(pattern);
    }

    /**
     * Things Ansible would warn about while reading, e.g. an unknown key in a YAML group, with
     * position.
     */
    public List<String> warnings() {
        return warnings;
    }

    private int priority(String group) {
        Object p = groupFileVars.get(group).get("ansible_group_priority");
        if (p == null) {
            return 1;
        }
        try {
            return p instanceof Number n ? n.intValue() : Integer.parseInt(p.toString().strip());
        } catch (NumberFormatException e) {
            throw new UserError(
                    null,
                    "ansible_group_priority of group '"
                            + group
                            + "' must be an integer, not '"
                            + p
                            + "'",
                    null);
        }
    }

    /** The longest path from {@code all} down to the group, as Ansible's group depth. */
    private int depth(String group) {
        Integer known = depth.get(group);
        if (known != null) {
            return known;
        }
        int d = 0;
        for (Group g : groups.values()) {
            if (g.children().contains(group)) {
                d = Math.max(d, depth(g.name()) + 1);
            }
        }
        depth.put(group, d);
        return d;
    }

    private void collectHosts(String group, Set<String> into, Set<String> seen) {
        if (seen.add(group)) {
            into.addAll(groups.get(group).hosts());
            groups.get(group).children().forEach(kid -> collectHosts(kid, into, seen));
        }
    }

    private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> vars = new LinkedHashMap<>(base);
        Values.combine(vars, over);
        return vars;
    }
}
