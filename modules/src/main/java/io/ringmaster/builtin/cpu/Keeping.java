package io.ringmaster.builtin.cpu;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Whether an existing placement may stay as it is: the rules a kept placement must still follow.
 */
final class Keeping {
    private Keeping() {}

    /** Why {@code cur} cannot be kept for {@code vm}, or null when it can. */
    static String refusal(
            VmRequest vm,
            Placement cur,
            Occupancy occ,
            Optional<Integer> disk,
            boolean overcommit) {
        if (cur.vcpuPins().size() != vm.vcpus()) {
            return "it had " + cur.vcpuPins().size() + " vCPUs pinned and now has " + vm.vcpus();
        }
        SortedSet<Integer> cpus;
        try {
            cpus = Planning.union(cur.vcpuPins());
        } catch (IllegalArgumentException e) {
            return "its pins are unreadable: " + e.getMessage();
        }
        SortedSet<Integer> unknown = new TreeSet<>(cpus);
        unknown.removeAll(occ.topology().cpus());
        if (!unknown.isEmpty()) {
            return "CPUs " + CpuSet.format(unknown) + " are not on this host";
        }
        SortedSet<Integer> nodes = new TreeSet<>();
        cpus.forEach(c -> occ.topology().nodeOf(c).ifPresent(n -> nodes.add(n.id())));
        if (nodes.size() > 1) {
            return "its vCPUs span NUMA nodes " + CpuSet.format(nodes);
        }
        SortedSet<Integer> hk = new TreeSet<>(cpus);
        hk.retainAll(occ.housekeeping());
        if (!hk.isEmpty()) {
            return "its vCPUs use housekeeping CPUs " + CpuSet.format(hk);
        }
        if (disk.isPresent() && !disk.get().equals(nodes.first())) {
            return "it runs on node " + nodes.first() + " but its disks are on node " + disk.get();
        }
        Set<String> owners = occ.ownersOf(List.copyOf(cpus), vm.name());
        return owners.isEmpty() || overcommit
                ? null
                : "it shares cores with " + String.join(", ", owners);
    }

    /**
     * Whether the existing IOThread pins may stay: as many as wanted, on the VM's node (or on
     * housekeeping, where they went when the node had no free core), on no vCPU's core.
     */
    static boolean iothreadsKeepable(VmRequest vm, Placement cur, Occupancy occ, int node) {
        if (vm.iothreads() == 0 || cur.iothreadPins().size() != vm.iothreads()) {
            return false;
        }
        try {
            SortedSet<Integer> cpus = Planning.union(cur.iothreadPins());
            return !cpus.isEmpty()
                    && cpus.stream()
                            .allMatch(
                                    c ->
                                            !occ.vcpuTaken(c)
                                                    && (occ.housekeeping().contains(c)
                                                            || occ.topology()
                                                                    .nodeOf(c)
                                                                    .map(n -> n.id() == node)
                                                                    .orElse(false)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
