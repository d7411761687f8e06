package io.ringmaster.builtin.cpu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The planner's working state for one plan: which cores and CPUs are taken, by whom. Never outlives
 * a plan.
 */
final class Occupancy {
    private final Topology topology;
    private final SortedSet<Integer> housekeeping;
    private final Map<Integer, List<Integer>> coreOf = new TreeMap<>();
    private final Map<List<Integer>, String> vcpuOwner = new LinkedHashMap<>();
    private final Map<Integer, Integer> load = new TreeMap<>();
    private final Map<Integer, String> ioOwner = new TreeMap<>();
    private final Map<Integer, String> sharedIo = new TreeMap<>();
    private final Map<Integer, List<Integer>> reserved = new TreeMap<>();
    private final Map<Integer, Long> memory = new TreeMap<>();

    Occupancy(Topology topology, SortedSet<Integer> housekeeping) {
        this.topology = topology;
        this.housekeeping = housekeeping;
        topology.nodes().forEach(n -> n.cores().forEach(c -> c.forEach(t -> coreOf.put(t, c))));
    }

    Topology topology() {
        return topology;
    }

    SortedSet<Integer> housekeeping() {
        return housekeeping;
    }

    Optional<List<Integer>> core(int cpu) {
        return Optional.ofNullable(coreOf.get(cpu));
    }

    /** Cores of {@code node} with no housekeeping thread: the only ones a vCPU may get. */
    List<List<Integer>> usableCores(Topology.Node node) {
        return node.cores().stream()
                .filter(c -> c.stream().noneMatch(housekeeping::contains))
                .toList();
    }

    /** Usable cores nobody has: no vCPU, no IOThread, not reserved. */
    List<List<Integer>> freeCores(Topology.Node node) {
        return usableCores(node).stream()
                .filter(
                        c ->
                                !vcpuOwner.containsKey(c)
                                        && !reserved.containsValue(c)
                                        && c.stream().noneMatch(ioOwner::containsKey))
                .toList();
    }

    /**
     * Takes the cores of {@code cpus} for {@code owner}'s vCPUs; returns the other owners already
     * there.
     */
    Set<String> claimVcpus(String owner, List<Integer> cpus) {
        Set<String> shared = new LinkedHashSet<>();
        for (int cpu : cpus) {
            List<Integer> c = coreOf.get(cpu);
            String had = c == null ? null : vcpuOwner.putIfAbsent(c, owner);
            if (had != null && !had.equals(owner)) {
                shared.add(had);
            }
            String io = ioOwner.get(cpu);
            if (io != null && !io.equals(owner)) {
                shared.add(io + " (IOThread)");
            }
            load.merge(cpu, 1, Integer::sum);
        }
        return shared;
    }

    /** The owners of the cores of {@code cpus} other than {@code self}. */
    Set<String> ownersOf(List<Integer> cpus, String self) {
        Set<String> out = new LinkedHashSet<>();
        for (int cpu : cpus) {
            String o = Optional.ofNullable(coreOf.get(cpu)).map(vcpuOwner::get).orElse(null);
            if (o != null && !o.equals(self)) {
                out.add(o);
            }
            if (ioOwner.containsKey(cpu) && !ioOwner.get(cpu).equals(self)) {
                out.add(ioOwner.get(cpu) + " (IOThread)");
            }
        }
        return out;
    }

    boolean vcpuTaken(int cpu) {
        return Optional.ofNullable(coreOf.get(cpu)).map(vcpuOwner::containsKey).orElse(false);
    }

    void claimIo(String owner, int node, String cpuset) {
        SortedSet<Integer> cpus = CpuSet.parse(cpuset);
        cpus.forEach(c -> ioOwner.putIfAbsent(c, owner));
        if (!housekeeping.containsAll(cpus)) {
            sharedIo.putIfAbsent(node, cpuset);
            reserved.remove(node);
        }
    }

    /**
     * Sets the highest free core of {@code node} aside for its IOThreads; false when none is free.
     */
    boolean reserveIo(Topology.Node node) {
        if (reserved.containsKey(node.id()) || sharedIo.containsKey(node.id())) {
            return true;
        }
        List<List<Integer>> free = freeCores(node);
        if (free.isEmpty()) {
            return false;
        }
        reserved.put(node.id(), free.get(free.size() - 1));
        return true;
    }

    boolean hasIoCore(int node) {
        return reserved.containsKey(node) || sharedIo.containsKey(node);
    }

    Optional<List<Integer>> reservedIo(int node) {
        return Optional.ofNullable(reserved.get(node));
    }

    Optional<String> sharedIo(int node) {
        return Optional.ofNullable(sharedIo.get(node));
    }

    String ioOwnerOf(String cpuset) {
        return CpuSet.parse(cpuset).stream()
                .map(ioOwner::get)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse("?");
    }

    int load(int cpu) {
        return load.getOrDefault(cpu, 0);
    }

    void addMemory(int node, long mib) {
        memory.merge(node, mib, Long::sum);
    }

    long freeMemory(Topology.Node node) {
        return node.memoryMib() - memory.getOrDefault(node.id(), 0L);
    }

    /** The housekeeping CPUs of {@code node}, else all housekeeping CPUs. */
    String housekeepingOn(int node) {
        SortedSet<Integer> on = new TreeSet<>(housekeeping);
        topology.nodes().stream()
                .filter(n -> n.id() == node)
                .findFirst()
                .ifPresent(n -> on.retainAll(n.cpus()));
        return CpuSet.format(on.isEmpty() ? housekeeping : on);
    }

    /**
     * Host CPUs nobody uses: not housekeeping, not in a taken or reserved core, not an IOThread's.
     */
    List<Integer> free() {
        List<Integer> out = new ArrayList<>();
        for (int cpu : topology.cpus()) {
            List<Integer> c = coreOf.get(cpu);
            if (!housekeeping.contains(cpu)
                    && !vcpuOwner.containsKey(c)
                    && !ioOwner.containsKey(cpu)
                    && !reserved.containsValue(c)) {
                out.add(cpu);
            }
        }
        return out;
    }

    /** Per node: free cores with their CPUs and free memory, for messages. */
    String describeFree() {
        List<String> parts = new ArrayList<>();
        for (Topology.Node n : topology.nodes()) {
            List<List<Integer>> free = freeCores(n);
            SortedSet<Integer> cpus = new TreeSet<>();
            free.forEach(cpus::addAll);
            parts.add(
                    "node "
                            + n.id()
                            + ": "
                            + free.size()
                            + " free core"
                            + (free.size() == 1 ? "" : "s")
                            + (cpus.isEmpty() ? "" : " (CPUs " + CpuSet.format(cpus) + ")")
                            + (n.memoryMib() > 0
                                    ? ", " + freeMemory(n) + " of " + n.memoryMib() + " MiB"
                                    : "")
                            + ioCores(n));
        }
        return String.join("; ", parts);
    }

    /**
     * "; IOThread cores: 7 (a), 6 (b)": the node's CPUs held by IOThreads (dedicated_iothreads:
     * false shares one).
     */
    private String ioCores(Topology.Node n) {
        Map<List<Integer>, String> cores = new LinkedHashMap<>();
        ioOwner.forEach(
                (cpu, owner) -> {
                    if (n.cpus().contains(cpu) && !housekeeping.contains(cpu)) {
                        cores.putIfAbsent(coreOf.get(cpu), owner);
                    }
                });
        Optional.ofNullable(reserved.get(n.id())).ifPresent(c -> cores.putIfAbsent(c, "reserved"));
        List<String> parts = new ArrayList<>();
        cores.forEach((c, owner) -> parts.add(CpuSet.format(c) + " (" + owner + ")"));
        return parts.isEmpty() ? "" : "; IOThread cores: " + String.join(", ", parts);
    }

    /**
     * Usable cores of {@code node}, least loaded first (then by first thread): overcommit's order.
     */
    List<List<Integer>> coresByLoad(Topology.Node node) {
        return usableCores(node).stream()
                .sorted(
                        Comparator.<List<Integer>>comparingInt(
                                        c -> c.stream().mapToInt(this::load).sum())
                                .thenComparing(c -> c.get(0)))
                .toList();
    }
}
