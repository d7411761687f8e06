package io.ringmaster.builtin.facts;

import io.ringmaster.builtin.support.Patterns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The NUMA node of block storage by path: {@code /dev/NAME} of disks and their partitions (a
 * partition is on its disk's node), device-mapper devices (on their slaves' node when they agree),
 * {@code /dev/disk/by-*} and {@code /dev/mapper} links, and mount points of block devices. Paths
 * without a known node are left out.
 */
final class BlockNodes {
    private BlockNodes() {}

    /**
     * From the sys_block ("NAME DISK NODE SLAVES,"), dev_links ("PATH TARGET") and /proc/mounts
     * sections.
     */
    static Map<String, Object> devices(String block, String links, String mounts) {
        Map<String, Integer> byName = names(block);
        Map<String, Object> out = new TreeMap<>();
        byName.forEach((name, node) -> out.put("/dev/" + name, node));
        Map<String, String> target = new HashMap<>();
        for (String line : links.split("\n")) {
            String[] p = line.trim().split(" ");
            if (p.length == 2) {
                target.put(p[0], p[1]);
                if (byName.containsKey(p[1])) {
                    out.put(p[0], byName.get(p[1]));
                }
            }
        }
        for (String line : mounts.split("\n")) {
            String[] p = Patterns.words(line);
            if (p.length >= 2 && p[0].startsWith("/dev/")) {
                String name = target.getOrDefault(p[0], p[0].substring(5));
                Integer node = byName.get(name);
                if (node != null) {
                    out.put(unescape(p[1]), node);
                }
            }
        }
        return out;
    }

    /**
     * Device name to node: disks and partitions first, then device-mapper devices from their
     * slaves.
     */
    private static Map<String, Integer> names(String block) {
        Map<String, Integer> node = new TreeMap<>();
        Map<String, List<String>> slaves = new TreeMap<>();
        Map<String, String> disk = new TreeMap<>();
        for (String line : block.split("\n")) {
            String[] p = line.trim().split(" ");
            if (p.length >= 3 && Patterns.is(Patterns.INTEGER, p[2])) {
                disk.put(p[0], p[1]);
                if (Integer.parseInt(p[2]) >= 0) {
                    node.put(p[0], Integer.parseInt(p[2]));
                }
                if (p.length > 3 && !p[3].isBlank()) {
                    slaves.put(p[0], List.of(p[3].split(",")));
                }
            }
        }
        slaves.forEach(
                (name, of) -> {
                    TreeSet<Integer> nodes = new TreeSet<>();
                    of.forEach(
                            s -> {
                                Integer n = node.get(s);
                                nodes.add(n == null ? -1 : n);
                            });
                    if (nodes.size() == 1 && nodes.first() >= 0 && !node.containsKey(name)) {
                        node.put(name, nodes.first());
                    }
                });
        return node;
    }

    /** /proc/mounts writes space, tab, newline and backslash as octal escapes. */
    static String unescape(String s) {
        return s.replace("\\040", " ")
                .replace("\\011", "\t")
                .replace("\\012", "\n")
                .replace("\\134", "\\");
    }
}
