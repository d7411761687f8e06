package io.ringmaster.builtin.cpu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a new VM's vCPUs can go on one node: whole free cores, lowest first. {@code ioRoom} is
 * whether a core is still left for its IOThreads afterwards (or the node already has one); {@code
 * freeAfter} the node's free threads after it (the planner prefers the emptiest node: VMs spread
 * over sockets).
 */
record Fit(Topology.Node node, List<Integer> threads, boolean ioRoom, int freeAfter) {

    /**
     * The best node for {@code vm}: room for its IOThreads first, then the most free threads, then
     * the lowest id.
     */
    static Optional<Fit> best(VmRequest vm, List<Topology.Node> candidates, Occupancy occ) {
        List<Fit> fits = new ArrayList<>();
        for (Topology.Node n : candidates) {
            on(vm, n, occ).ifPresent(fits::add);
        }
        return fits.stream()
                .min(
                        Comparator.comparing((Fit f) -> !f.ioRoom())
                                .thenComparing(f -> -f.freeAfter())
                                .thenComparingInt(f -> f.node().id()));
    }

    private static Optional<Fit> on(VmRequest vm, Topology.Node n, Occupancy occ) {
        if (n.memoryMib() > 0 && vm.memoryMib() > occ.freeMemory(n)) {
            return Optional.empty();
        }
        List<List<Integer>> free = occ.freeCores(n);
        List<Integer> threads = new ArrayList<>();
        int used = 0;
        for (List<Integer> core : free) {
            if (threads.size() >= vm.vcpus()) {
                break;
            }
            threads.addAll(core);
            used++;
        }
        if (threads.size() < vm.vcpus()) {
            return Optional.empty();
        }
        int after = free.subList(used, free.size()).stream().mapToInt(List::size).sum();
        boolean needIo =
                vm.iothreads() > 0 && vm.explicitIothreadPins().isEmpty() && !occ.hasIoCore(n.id());
        return Optional.of(
                new Fit(
                        n,
                        List.copyOf(threads.subList(0, vm.vcpus())),
                        !needIo || used < free.size(),
                        after));
    }

    /**
     * The node with usable cores whose threads carry the fewest vCPUs each (overcommit), lowest id
     * on a tie.
     */
    static Optional<Topology.Node> leastLoaded(List<Topology.Node> candidates, Occupancy occ) {
        return candidates.stream()
                .filter(n -> !occ.usableCores(n).isEmpty())
                .min(
                        Comparator.comparingDouble((Topology.Node n) -> loadPerThread(n, occ))
                                .thenComparingInt(Topology.Node::id));
    }

    private static double loadPerThread(Topology.Node n, Occupancy occ) {
        List<Integer> threads = occ.usableCores(n).stream().flatMap(List::stream).toList();
        return threads.stream().mapToInt(occ::load).sum() / (double) threads.size();
    }

    /**
     * {@code count} threads of the least loaded usable cores of {@code n}, going round again when
     * there are fewer.
     */
    static List<Integer> leastLoadedThreads(Topology.Node n, int count, Occupancy occ) {
        List<Integer> order = occ.coresByLoad(n).stream().flatMap(List::stream).toList();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(order.get(i % order.size()));
        }
        return out;
    }

    /** The message for a VM that does not fit: what it needs, what is free, how to fix it. */
    static String refusal(VmRequest vm, Optional<Integer> disk, Occupancy occ) {
        int smt =
                occ.topology().nodes().stream()
                        .flatMap(n -> n.cores().stream())
                        .mapToInt(List::size)
                        .max()
                        .orElse(1);
        int cores = (vm.vcpus() + smt - 1) / smt;
        return "VM '"
                + vm.name()
                + "' does not fit: it needs "
                + cores
                + " whole core"
                + (cores == 1 ? "" : "s")
                + " ("
                + vm.vcpus()
                + " vCPU"
                + (vm.vcpus() == 1 ? "" : "s")
                + (smt > 1 ? ", " + smt + " threads per core" : "")
                + ")"
                + (vm.memoryMib() > 0 ? " and " + vm.memoryMib() + " MiB" : "")
                + " on one NUMA node"
                + disk.map(d -> " (node " + d + ", where its disks are)").orElse("")
                + "; free: "
                + occ.describeFree()
                + ". Fix: give it fewer vcpus or memory, move a VM to another host, "
                + "or set overcommit: true (kvm_cpu_overcommit) to share cores deliberately";
    }
}
