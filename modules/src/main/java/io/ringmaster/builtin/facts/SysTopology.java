package io.ringmaster.builtin.facts;

import io.ringmaster.builtin.support.Patterns;
import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.module.api.Shell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The placement facts read from /sys and /proc (no virsh): NUMA nodes with their memory and
 * physical cores (a core is the list of its SMT siblings), isolated CPUs, the kernel command line's
 * isolcpus/nohz_full, and the NUMA node of every block device, partition, /dev/disk/by-* link,
 * device-mapper device and mount point. Its sections are part of setup's one remote exec. {@code
 * root} prefixes every path (empty on a host; a captured tree in tests).
 */
public final class SysTopology {
    private SysTopology() {}

    /** Adds the sections to {@code s}. */
    public static void sections(Sections s, String root) {
        String r = Shell.quote(root);
        s.raw("R=" + r);
        s.define(ShellBuiltins.READ_FILE_FUNCTION);
        // a node's cpulist and a CPU's thread_siblings_list are binary sysfs attributes that dash's
        // read cannot read: the node's CPUs come from its cpuN links, the siblings from read where
        // the shell can (bash) and cat where it cannot
        s.section(
                "sys_nodes",
                "for d in \"$R\"/sys/devices/system/node/node[0-9]*; do [ -d \"$d\" ] || continue; l=;"
                        + " for c in \"$d\"/cpu[0-9]*; do [ -e \"$c\" ] && l=\"$l,${c##*/cpu}\"; done; m=;"
                        + " while read -r a b k v u; do [ \"$k\" = MemTotal: ] && m=$v; done <\"$d/meminfo\";"
                        + " l=${l#,}; printf '%s %s %s\\n' \"${d##*/node}\" \"${l:--}\" \"$m\"; done");
        s.section(
                "sys_cpus",
                ShellBuiltins.READ_FILE
                        + " \"$R/sys/devices/system/cpu/online\"; for c in \"$R\"/sys/devices/system/cpu/cpu[0-9]*; do"
                        + " f=$c/topology/thread_siblings_list; [ -r \"$f\" ] || continue;"
                        + " read -r t <\"$f\" 2>/dev/null && [ -n \"$t\" ] || t=$(cat \"$f\");"
                        + " printf '%s %s\\n' \"${c##*/cpu}\" \"$t\"; done; true");
        s.section(
                "sys_isolated",
                ShellBuiltins.READ_FILE
                        + " \"$R/sys/devices/system/cpu/isolated\" 2>/dev/null; true");
        s.section("cmdline", ShellBuiltins.READ_FILE + " \"$R/proc/cmdline\"");
        // a disk's node: the first numa_node walking up from its device (virtio and SCSI disks have
        // it on the PCI parent)
        s.section(
                "sys_block",
                // cd -P and $PWD in this shell, not $(cd -P ... && pwd): a command substitution
                // is a fork per device (a real host has dozens of block devices)
                "rmo=$PWD; S=; cd -P \"$R/sys/devices\" 2>/dev/null && S=$PWD; for b in \"$R\"/sys/class/block/*; do"
                        + " [ -e \"$b\" ] || continue; n=${b##*/}; d=$n;"
                        + " [ -e \"$b/partition\" ] && cd -P \"$b/..\" 2>/dev/null && d=${PWD##*/}; k=\"$R/sys/class/block/$d\";"
                        + " p=; cd -P \"$k/device\" 2>/dev/null && p=$PWD; while [ -n \"$p\" ] && [ ! -r \"$p/numa_node\" ]"
                        + " && [ \"${p#\"$S\"/}\" != \"$p\" ]; do p=${p%/*}; done;"
                        // shell built-ins, no process per device: read for the node, a glob for the
                        // slaves
                        + " nn=-1; [ -r \"$p/numa_node\" ] && read -r nn <\"$p/numa_node\";"
                        + " sl=; for x in \"$k\"/slaves/*; do [ -e \"$x\" ] && sl=\"$sl${x##*/},\"; done;"
                        + " printf '%s %s %s %s\\n' \"$n\" \"$d\" \"$nn\" \"$sl\"; done; cd \"$rmo\" 2>/dev/null; true");
        // every link's target from ONE find (GNU -printf), not a readlink per link: a real host has
        // dozens of /dev/disk/by-* links; a find without -printf (busybox) prints "/ !" and each
        // link is read on its own
        s.section(
                "dev_links",
                "set --; for l in \"$R\"/dev/disk/by-*/* \"$R\"/dev/mapper/*; do [ -L \"$l\" ] && set -- \"$@\" \"$l\"; done;"
                        + " if [ $# -gt 0 ]; then { find \"$@\" -maxdepth 0 -printf '%p %l\\n' 2>/dev/null || echo '/ !'; } |"
                        + " while read -r l t; do if [ \"$t\" = '!' ]; then for x; do t=$(readlink \"$x\") &&"
                        + " printf '%s %s\\n' \"${x#\"$R\"}\" \"${t##*/}\"; done; else"
                        + " printf '%s %s\\n' \"${l#\"$R\"}\" \"${t##*/}\"; fi; done; fi; true");
        s.section("mounts", ShellBuiltins.READ_FILE + " \"$R/proc/mounts\"");
    }

    /**
     * Puts numa_topology, isolated_cpus, isolcpus and nohz_full into {@code f}; {@code memtotalMb}
     * for a host without NUMA.
     */
    public static void put(Map<String, Object> f, Map<String, Section> sec, long memtotalMb) {
        List<Map<String, Object>> nodes =
                nodes(text(sec, "sys_nodes"), cores(text(sec, "sys_cpus")), memtotalMb);
        Map<String, Object> topo = new LinkedHashMap<>();
        topo.put("nodes", nodes);
        topo.put(
                "devices",
                BlockNodes.devices(
                        text(sec, "sys_block"), text(sec, "dev_links"), text(sec, "mounts")));
        f.put("numa_topology", topo);
        f.put("isolated_cpus", List.copyOf(cpuList(text(sec, "sys_isolated").trim())));
        String cmdline = text(sec, "cmdline");
        f.put("isolcpus", List.copyOf(kernelCpus(cmdline, "isolcpus")));
        f.put("nohz_full", List.copyOf(kernelCpus(cmdline, "nohz_full")));
    }

    private static String text(Map<String, Section> sec, String name) {
        return Sections.okText(sec, name).orElse("");
    }

    /**
     * The physical cores: distinct sibling lists of online CPUs, in order of their first thread.
     */
    static List<List<Integer>> cores(String sysCpus) {
        String[] lines = sysCpus.split("\n");
        SortedSet<Integer> online = lines.length > 0 ? cpuList(lines[0].trim()) : new TreeSet<>();
        TreeMap<Integer, List<Integer>> byFirst = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] p = Patterns.words(lines[i]);
            if (p.length == 2 && Patterns.is(Patterns.DIGITS, p[0])) {
                SortedSet<Integer> core = cpuList(p[1]);
                core.retainAll(online.isEmpty() ? core : online);
                if (!core.isEmpty()) {
                    byFirst.putIfAbsent(core.first(), List.copyOf(core));
                }
            }
        }
        return List.copyOf(byFirst.values());
    }

    private static List<Map<String, Object>> nodes(
            String sysNodes, List<List<Integer>> cores, long memtotalMb) {
        TreeMap<Integer, Map<String, Object>> out = new TreeMap<>();
        Map<Integer, Integer> nodeOfCpu = new TreeMap<>();
        for (String line : sysNodes.split("\n")) {
            String[] p = Patterns.words(line);
            if (p.length >= 2 && Patterns.is(Patterns.DIGITS, p[0])) {
                int id = Integer.parseInt(p[0]);
                long kb =
                        p.length > 2 && Patterns.is(Patterns.DIGITS, p[2])
                                ? Long.parseLong(p[2])
                                : 0;
                cpuList(p[1]).forEach(c -> nodeOfCpu.put(c, id));
                out.put(id, node(id, kb / 1024));
            }
        }
        if (out.isEmpty() && !cores.isEmpty()) {
            out.put(0, node(0, memtotalMb));
        }
        for (List<Integer> core : cores) {
            Map<String, Object> n = out.get(nodeOfCpu.getOrDefault(core.get(0), out.firstKey()));
            @SuppressWarnings("unchecked")
            List<Object> cs = (List<Object>) n.get("cores");
            cs.add(core);
        }
        out.values().forEach(n -> n.put("cores", List.copyOf((List<?>) n.get("cores"))));
        return out.values().stream()
                .filter(n -> !((List<?>) n.get("cores")).isEmpty())
                .map(Map::copyOf)
                .<Map<String, Object>>map(m -> ordered(m))
                .toList();
    }

    private static Map<String, Object> node(int id, long memoryMib) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id);
        n.put("memory_mib", memoryMib);
        n.put("cores", new ArrayList<>());
        return n;
    }

    private static Map<String, Object> ordered(Map<String, Object> m) {
        Map<String, Object> n = new LinkedHashMap<>();
        for (String k : List.of("id", "memory_mib", "cores")) {
            n.put(k, m.get(k));
        }
        return n;
    }

    /**
     * The CPUs of a kernel parameter such as {@code isolcpus=managed_irq,domain,2-7} (flags are
     * skipped).
     */
    static SortedSet<Integer> kernelCpus(String cmdline, String param) {
        SortedSet<Integer> out = new TreeSet<>();
        for (String word : Patterns.words(cmdline)) {
            if (word.startsWith(param + "=")) {
                for (String part : word.substring(param.length() + 1).split(",")) {
                    if (Patterns.is(Patterns.CPU_RANGE, part)) {
                        out.addAll(cpuList(part));
                    }
                }
            }
        }
        return out;
    }

    /** A kernel CPU list ({@code 0-3,8}); empty for anything else. */
    static SortedSet<Integer> cpuList(String text) {
        SortedSet<Integer> out = new TreeSet<>();
        if (!Patterns.is(Patterns.CPU_LIST, text)) {
            return out;
        }
        for (String part : text.split(",")) {
            String[] e = part.split("-");
            int from = Integer.parseInt(e[0]);
            int to = e.length > 1 ? Integer.parseInt(e[1]) : from;
            for (int c = from; c <= to && c - from <= 65536; c++) {
                out.add(c);
            }
        }
        return out;
    }
}
