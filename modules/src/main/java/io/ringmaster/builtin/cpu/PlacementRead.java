package io.ringmaster.builtin.cpu;

import io.ringmaster.builtin.facts.SysTopology;
import io.ringmaster.builtin.support.Sections;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.ModuleContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What cpu_plan knows of the host: the topology (parameter, else setup's facts, else read now), its
 * isolated CPUs, the placements of its existing domains (parameter, else read now) and whether
 * virtqueue mapping is available. Whatever must be read is read in ONE remote exec.
 */
record PlacementRead(
        Topology topology,
        SortedSet<Integer> isolated,
        Map<String, Placement> current,
        boolean virtqueueMapping) {

    static PlacementRead read(ModuleContext ctx, String uri)
            throws HostUnreachableException, InterruptedException {
        Map<?, ?> facts = ctx.vars().get("ansible_facts") instanceof Map<?, ?> m ? m : Map.of();
        boolean haveTopology =
                ctx.args().has("topology") || facts.get("numa_topology") instanceof Map;
        boolean haveCurrent = ctx.args().has("current");
        Map<String, Object> f = new LinkedHashMap<>();
        facts.forEach((k, v) -> f.put(String.valueOf(k), v));
        Map<String, Placement> current =
                haveCurrent ? DomainPlacements.fromMap(ctx.args().map("current")) : Map.of();
        if (!haveTopology || !haveCurrent) {
            Sections s = Sections.script();
            if (!haveTopology) {
                SysTopology.sections(s, "");
            }
            if (!haveCurrent) {
                s.section("domains", DomainPlacements.script(uri));
            }
            ExecResult r = CpuPlanModule.exec(ctx, s.command());
            Map<String, Sections.Section> sec = s.parse(r.stdout());
            if (!haveTopology) {
                SysTopology.put(f, sec, 0);
            }
            if (!haveCurrent) {
                current = domains(sec, uri);
            }
        }
        Map<?, ?> topo =
                ctx.args().has("topology")
                        ? ctx.args().map("topology")
                        : (Map<?, ?>) f.get("numa_topology");
        if (!ctx.args().has("topology")
                && !(topo.get("nodes") instanceof List<?> l && !l.isEmpty())) {
            throw new IllegalArgumentException(
                    "no CPUs found in /sys/devices/system/{node,cpu} on this host (is /sys "
                            + "mounted?); describe the host with cpu_plan's topology: {nodes: [{id, memory_mib, cores}]}");
        }
        return new PlacementRead(
                Topology.fromMap(topo), isolated(f), current, CpuPlanModule.virtqueueMapping(f));
    }

    private static Map<String, Placement> domains(Map<String, Sections.Section> sec, String uri) {
        Sections.Section d = sec.get("domains");
        if (d == null || !d.ok()) {
            throw new IllegalArgumentException(
                    "could not read the existing domains with 'virsh -c "
                            + uri
                            + " list --all'"
                            + (d == null ? "" : " (rc " + d.rc() + ": " + d.text().strip() + ")")
                            + "; start libvirtd, fix uri/libvirt_uri, or give current: {} to plan without them");
        }
        return DomainPlacements.parse(d.text());
    }

    private static SortedSet<Integer> isolated(Map<String, Object> f) {
        SortedSet<Integer> out = new TreeSet<>();
        for (String k : List.of("isolated_cpus", "isolcpus", "nohz_full")) {
            if (f.get(k) instanceof List<?> l) {
                l.forEach(c -> out.add(Integer.parseInt(String.valueOf(c))));
            }
        }
        return out;
    }
}
