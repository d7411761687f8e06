package io.ringmaster.cli;

import io.ringmaster.inventory.Group;
import io.ringmaster.inventory.Host;
import io.ringmaster.inventory.Inventory;
import io.ringmaster.report.PyRepr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * ansible-inventory's other views: {@code --graph --vars}, {@code --list --export} (group vars
 * under their groups, host vars only the host's own) and {@code --yaml} (the nested
 * all/children/hosts tree, keys sorted, each host's vars given once).
 */
final class InventoryViews {
    private InventoryViews() {}

    /**
     * --graph --vars: every host line followed by its variables, every group's own variables after
     * its hosts.
     */
    static String graphWithVars(Inventory inv, String group) {
        List<String> lines = new ArrayList<>();
        graph(inv, inv.groups().get(group), 0, lines);
        return String.join("\n", lines);
    }

    private static void graph(Inventory inv, Group group, int depth, List<String> lines) {
        lines.add(indent(depth) + "@" + group.name() + ":");
        for (String kid : group.children()) {
            graph(inv, inv.groups().get(kid), depth + 1, lines);
        }
        if (!group.name().equals("all")) {
            for (String h : group.hosts()) {
                lines.add(indent(depth + 1) + h);
                vars(inv.varsFor(h), depth + 2, lines);
            }
        }
        vars(group.vars(), depth + 1, lines);
    }

    private static void vars(Map<String, Object> vars, int depth, List<String> lines) {
        new TreeMap<>(vars)
                .forEach(
                        (k, v) -> lines.add(indent(depth) + "{" + k + " = " + PyRepr.str(v) + "}"));
    }

    private static String indent(int depth) {
        return depth == 0 ? "" : "  |".repeat(depth) + "--";
    }

    /** --list --export: like --list, with each group's own vars and each host's own vars only. */
    static Map<String, Object> export(Inventory inv, Map<String, Object> list) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> hostvars = new TreeMap<>();
        for (Host h : inv.hosts()) {
            if (!h.vars().isEmpty()) {
                hostvars.put(h.name(), h.vars());
            }
        }
        out.put("_meta", Map.of("hostvars", hostvars));
        list.forEach(
                (name, entry) -> {
                    if (!name.equals("_meta")) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> e = new LinkedHashMap<>((Map<String, Object>) entry);
                        Group g = inv.groups().get(name);
                        if (g != null && !g.vars().isEmpty()) {
                            e.put("vars", g.vars());
                        }
                        out.put(name, e);
                    }
                });
        return out;
    }

    /**
     * --list --yaml: {@code all: {children: {web: {hosts: {web1: {vars}}}}}}, keys sorted as
     * Ansible dumps them.
     */
    static Map<String, Object> yamlTree(Inventory inv, boolean export) {
        Map<String, Object> out = new TreeMap<>();
        out.put("all", node(inv, inv.groups().get("all"), export, new HashSet<>()));
        return out;
    }

    private static Map<String, Object> node(
            Inventory inv, Group g, boolean export, Set<String> seen) {
        Map<String, Object> n = new TreeMap<>();
        Map<String, Object> kids = new TreeMap<>();
        for (String kid : g.children()) {
            kids.put(kid, node(inv, inv.groups().get(kid), export, seen));
        }
        Map<String, Object> hosts = new TreeMap<>();
        if (!g.name().equals("all")) {
            for (String h : g.hosts()) {
                Map<String, Object> vars =
                        seen.add(h)
                                ? export
                                        ? inv.host(h).map(Host::vars).orElse(Map.of())
                                        : inv.varsFor(h)
                                : Map.of();
                hosts.put(h, new TreeMap<>(vars));
            }
        }
        if (!kids.isEmpty()) {
            n.put("children", kids);
        }
        if (!hosts.isEmpty()) {
            n.put("hosts", hosts);
        }
        if (export && !g.vars().isEmpty()) {
            n.put("vars", new TreeMap<>(g.vars()));
        }
        return n;
    }

    static String yaml(Object value) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(0);
        String text = new Yaml(o).dump(value);
        return text.replace(": {}\n", ": {}\n");
    }
}
