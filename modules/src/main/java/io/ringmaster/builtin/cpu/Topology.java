package io.ringmaster.builtin.cpu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A host as the planner sees it: NUMA nodes, each with its memory and its physical cores (a core is
 * the list of its hardware threads), and the NUMA node of block devices and mount points ({@code
 * devices}: path to node). The shape is the {@code numa_topology} fact's: {@code {nodes: [{id,
 * memory_mib, cores: [[0, 16], ...]}], devices: {}}}.
 */
public record Topology(List<Node> nodes, Map<String, Integer> devices) {

    /** One NUMA node. */
    public record Node(int id, long memoryMib, List<List<Integer>> cores) {
        public Node {
            cores =
                    cores.stream()
                            .map(c -> List.copyOf(new TreeSet<>(c)))
                            .sorted(Comparator.comparing(c -> c.get(0)))
                            .toList();
        }

        public SortedSet<Integer> cpus() {
            SortedSet<Integer> all = new TreeSet<>();
            cores.forEach(all::addAll);
            return all;
        }
    }

    public Topology {
        nodes = nodes.stream().sorted(Comparator.comparingInt(Node::id)).toList();
        devices = java.util.Collections.unmodifiableMap(new TreeMap<>(devices));
    }

    /** Every CPU of the host. */
    public SortedSet<Integer> cpus() {
        SortedSet<Integer> all = new TreeSet<>();
        nodes.forEach(n -> all.addAll(n.cpus()));
        return all;
    }

    /** The node holding {@code cpu}, or empty. */
    public Optional<Node> nodeOf(int cpu) {
        return nodes.stream().filter(n -> n.cpus().contains(cpu)).findFirst();
    }

    /** The node of a disk path: an exact device entry, else the longest mount point above it. */
    public Optional<Integer> nodeOfPath(String path) {
        Integer exact = devices.get(path);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String k : devices.keySet()) {
            boolean above = k.equals("/") || path.startsWith(k.endsWith("/") ? k : k + "/");
            if (above && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best == null ? Optional.empty() : Optional.of(devices.get(best));
    }

    /** The shape of the fact and of cpu_plan's {@code topology} parameter. */
    public Map<String, Object> toMap() {
        List<Object> ns = new ArrayList<>();
        for (Node n : nodes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("memory_mib", n.memoryMib());
            m.put("cores", n.cores());
            ns.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodes", ns);
        out.put("devices", new LinkedHashMap<>(devices));
        return out;
    }

    /** Reads the map shape; throws {@link IllegalArgumentException} saying which entry is wrong. */
    public static Topology fromMap(Map<?, ?> map) {
        if (!(map.get("nodes") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(
                    "topology has no 'nodes' list (expected {nodes: [{id, memory_mib, "
                            + "cores: [[0, 16], ...]}], devices: {PATH: node}})");
        }
        List<Node> nodes = new ArrayList<>();
        for (Object o : list) {
            nodes.add(node(o, nodes.size()));
        }
        Map<String, Integer> devices = new LinkedHashMap<>();
        if (map.get("devices") instanceof Map<?, ?> d) {
            d.forEach((k, v) -> devices.put(String.valueOf(k), integer(v, "devices." + k)));
        }
        checkDistinct(nodes);
        return new Topology(nodes, devices);
    }

    private static Node node(Object o, int index) {
        if (!(o instanceof Map<?, ?> m) || !(m.get("cores") instanceof List<?> cores)) {
            throw new IllegalArgumentException(
                    "topology nodes[" + index + "] needs id, memory_mib and cores");
        }
        int id = m.containsKey("id") ? integer(m.get("id"), "nodes[" + index + "].id") : index;
        long mem =
                m.containsKey("memory_mib")
                        ? integer(m.get("memory_mib"), "nodes[" + index + "].memory_mib")
                        : 0;
        List<List<Integer>> cs = new ArrayList<>();
        for (Object c : cores) {
            List<Integer> threads = new ArrayList<>();
            for (Object t : c instanceof List<?> l ? l : List.of(c)) {
                threads.add(integer(t, "nodes[" + index + "].cores"));
            }
            if (!threads.isEmpty()) {
                cs.add(threads);
            }
        }
        return new Node(id, mem, cs);
    }

    private static void checkDistinct(List<Node> nodes) {
        SortedSet<Integer> seen = new TreeSet<>();
        for (Node n : nodes) {
            for (int c : n.cpus()) {
                if (!seen.add(c)) {
                    throw new IllegalArgumentException(
                            "topology lists CPU " + c + " twice (node " + n.id() + ")");
                }
            }
        }
    }

    private static int integer(Object v, String where) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        String s = String.valueOf(v).trim();
        if (!s.matches("-?\\d+")) {
            throw new IllegalArgumentException(
                    "topology " + where + ": '" + v + "' is not a number");
        }
        return Integer.parseInt(s);
    }
}
