package io.ringmaster.builtin.facts;

import io.ringmaster.builtin.support.Patterns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The CPU facts {@code virsh capabilities} used to give (online CPUs, NUMA cells,
 * sockets/cores/threads), read from {@code /sys} by shell built-ins in the fact script: no extra
 * process and no libvirt connection per host. The section prints lines {@code online LIST}, {@code
 * node ID [LIST]} and {@code cpu ID PACKAGE CORE}.
 */
final class CpuTopology {
    /** The section's shell text: only {@code read} and {@code echo}, so it starts no process. */
    static final String SCRIPT =
            "read -r o </sys/devices/system/cpu/online && echo \"online $o\";"
                    // a node's cpulist is a binary sysfs attribute that dash's read cannot read:
                    // list its cpuN links instead
                    + " for n in /sys/devices/system/node/node[0-9]*; do [ -d \"$n\" ] || continue; l=;"
                    + " for c in \"$n\"/cpu[0-9]*; do [ -e \"$c\" ] && l=\"$l,${c##*/cpu}\"; done; echo \"node ${n##*/node} ${l#,}\"; done;"
                    + " for t in /sys/devices/system/cpu/cpu[0-9]*/topology; do [ -r \"$t/core_id\" ]"
                    + " && read -r p <\"$t/physical_package_id\" && read -r k <\"$t/core_id\" && c=${t%/topology}"
                    + " && echo \"cpu ${c##*/cpu} $p $k\"; done; true";

    private CpuTopology() {}

    /**
     * Puts cpu_sockets, cpu_cores (per socket), cpu_threads (per core), numa_nodes and host_cpus.
     */
    static void put(Map<String, Object> f, String text) {
        TreeSet<Integer> online = new TreeSet<>();
        TreeMap<Integer, List<Integer>> nodes = new TreeMap<>();
        Set<Integer> packages = new HashSet<>();
        Set<String> cores = new HashSet<>();
        int cpus = 0;
        for (String line : text.split("\n")) {
            String[] w = Patterns.words(line);
            if (w.length == 2 && "online".equals(w[0])) {
                online.addAll(cpuList(w[1]));
            } else if ((w.length == 2 || w.length == 3) && "node".equals(w[0])) {
                nodes.put(
                        FactProbe.intOr(w[1], nodes.size()),
                        w.length == 3 ? cpuList(w[2]) : List.of());
            }
        }
        for (String line : text.split("\n")) {
            String[] w = Patterns.words(line);
            if (w.length == 4 && "cpu".equals(w[0]) && online.contains(FactProbe.intOr(w[1], -1))) {
                packages.add(FactProbe.intOr(w[2], 0));
                cores.add(w[2] + "/" + w[3]);
                cpus++;
            }
        }
        f.put("cpu_sockets", packages.size());
        f.put("cpu_cores", packages.isEmpty() ? 0 : cores.size() / packages.size());
        f.put("cpu_threads", cores.isEmpty() ? 0 : cpus / cores.size());
        f.put("numa_nodes", numaNodes(nodes, online));
        f.put("host_cpus", List.copyOf(online));
    }

    /**
     * The NUMA cells with their online CPUs; a host without NUMA in /sys is one cell 0 (as libvirt
     * reports it).
     */
    private static List<Map<String, Object>> numaNodes(
            TreeMap<Integer, List<Integer>> nodes, Set<Integer> online) {
        if (nodes.isEmpty() && !online.isEmpty()) {
            nodes.put(0, List.copyOf(online));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        nodes.forEach(
                (id, list) -> {
                    Map<String, Object> node = new LinkedHashMap<>();
                    node.put("id", id);
                    node.put("cpus", list.stream().filter(online::contains).toList());
                    out.add(node);
                });
        return List.copyOf(out);
    }

    /** A kernel CPU list such as {@code 0-3,8,10-11}; anything unparsable is skipped. */
    static List<Integer> cpuList(String list) {
        List<Integer> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] r = part.trim().split("-");
            int a = FactProbe.intOr(r[0], -1);
            int b = r.length == 2 ? FactProbe.intOr(r[1], -1) : a;
            for (int i = a; a >= 0 && i <= b && i - a < 65536; i++) {
                out.add(i);
            }
        }
        return out;
    }
}
