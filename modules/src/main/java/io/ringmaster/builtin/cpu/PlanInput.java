package io.ringmaster.builtin.cpu;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything a plan is a function of.
 *
 * @param topology the host's nodes, cores and device nodes
 * @param housekeeping CPUs left to the host and to emulator threads (never given to a vCPU)
 * @param vms the VMs to place, in order (earlier VMs choose first)
 * @param current placements to keep, by VM name (the host's existing domains)
 * @param others placements of domains that are not in {@code vms}: their cores are taken
 * @param overcommit share cores deliberately when a VM does not fit
 * @param dedicatedIothreads give a VM's IOThreads a core of their own while the plan has free cores
 */
public record PlanInput(
        Topology topology,
        SortedSet<Integer> housekeeping,
        List<VmRequest> vms,
        Map<String, Placement> current,
        Map<String, Placement> others,
        boolean overcommit,
        boolean dedicatedIothreads) {
    public PlanInput {
        housekeeping = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(housekeeping));
        vms = List.copyOf(vms);
        current = Map.copyOf(current);
        others = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(others));
    }

    /**
     * The default housekeeping CPUs: the non-isolated ones when some are isolated, else the first
     * core.
     */
    public static SortedSet<Integer> defaultHousekeeping(Topology t, SortedSet<Integer> isolated) {
        SortedSet<Integer> all = t.cpus();
        SortedSet<Integer> rest = new TreeSet<>(all);
        rest.removeAll(isolated);
        if (!isolated.isEmpty() && !rest.isEmpty() && rest.size() < all.size()) {
            return rest;
        }
        return t.nodes().stream()
                .flatMap(n -> n.cores().stream())
                .min(java.util.Comparator.comparing(c -> c.get(0)))
                .<SortedSet<Integer>>map(TreeSet::new)
                .orElseGet(TreeSet::new);
    }
}
