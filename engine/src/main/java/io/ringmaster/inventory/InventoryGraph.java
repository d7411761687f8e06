package io.ringmaster.inventory;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.error.UserError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The views of {@code ansible-inventory}: {@link #graph} like {@code --graph} (children and hosts
 * in definition order, as ansible-core 2.1x prints them; hosts not listed under {@code all}) and
 * {@link #list} like {@code --list} (without {@code --export}: hostvars are the merged vars; group
 * vars not shown).
 */
public final class InventoryGraph {
    private InventoryGraph() {}

    /** The tree below {@code group}, lines joined by {@code \n}, no final newline. */
    public static String graph(Inventory inv, String group) {
        if (!inv.groups().containsKey(group)) {
            throw new UserError(
                    null,
                    "no group named '"
                            + group
                            + "'"
                            + DidYouMean.suffix(group, inv.groups().keySet()),
                    "--graph takes a group name");
        }
        List<String> lines = new ArrayList<>();
        graph(inv, inv.groups().get(group), 0, lines);
        return String.join("\n", lines);
    }

    private static void graph(Inventory inv, Group group, int depth, List<String> lines) {
        lines.add(indent(depth) + "@" + group.name() + ":");
        for (String kid : group.children()) {
            graph(inv, inv.groups().get(kid), depth + 1, lines);
        }
        if (!group.name().equals(InventoryBuilder.ALL)) {
            group.hosts().forEach(h -> lines.add(indent(depth + 1) + h));
        }
    }

    private static String indent(int depth) {
        return depth == 0 ? "" : "  |".repeat(depth) + "--";
    }

    /**
     * {@code {_meta: {hostvars: {...}}, all: {children: [...]}, group: {hosts: [...], children:
     * [...]}, ...}}.
     */
    public static Map<String, Object> list(Inventory inv) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> hostvars = new LinkedHashMap<>();
        for (Host h : inv.hosts()) {
            Map<String, Object> vars = inv.varsFor(h.name());
            if (!vars.isEmpty()) {
                hostvars.put(h.name(), vars);
            }
        }
        out.put("_meta", Map.of("hostvars", hostvars));
        Set<String> seen = new HashSet<>();
        format(inv, inv.groups().get(InventoryBuilder.ALL), out, seen);
        return out;
    }

    private static void format(
            Inventory inv, Group group, Map<String, Object> out, Set<String> seen) {
        Map<String, Object> entry = new LinkedHashMap<>();
        out.put(group.name(), entry);
        if (!group.name().equals(InventoryBuilder.ALL) && !group.hosts().isEmpty()) {
            entry.put("hosts", group.hosts());
        }
        if (!group.children().isEmpty()) {
            entry.put("children", group.children());
        }
        for (String kid : group.children()) {
            if (seen.add(kid)) {
                format(inv, inv.groups().get(kid), out, seen);
            }
        }
        if (entry.isEmpty()) {
            out.remove(group.name());
        }
    }
}
