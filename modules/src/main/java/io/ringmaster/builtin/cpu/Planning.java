package io.ringmaster.builtin.cpu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One run of the planner over one {@link PlanInput}; see {@link CpuPlanner} for the order of the
 * steps.
 */
final class Planning {

    /** A VM that cannot be placed; the message says what it needs and what is free. */
    static final class NoFit extends Exception {
        NoFit(String message) {
            super(message);
        }
    }

    private final PlanInput in;
    private final Occupancy occ;
    private final Map<String, List<String>> vcpuPins = new LinkedHashMap<>();
    private final Map<String, Integer> node = new LinkedHashMap<>();
    private final Map<String, String> nodeset = new LinkedHashMap<>();
    private final Map<String, List<String>> ioPins = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    Planning(PlanInput in) {
        this.in = in;
        this.occ = new Occupancy(in.topology(), in.housekeeping());
    }

    Occupancy occupancy() {
        return occ;
    }

    List<String> notes() {
        return notes;
    }

    /** Step 1: a VM's own vcpu_pins and IOThread cpusets win; they are taken first. */
    void explicit() throws NoFit {
        for (VmRequest vm : in.vms()) {
            if (!vm.explicitVcpuPins().isEmpty()) {
                SortedSet<Integer> cpus = hostCpus(vm, vm.explicitVcpuPins(), "vcpu_pins");
                Set<String> shared = occ.claimVcpus(vm.name(), List.copyOf(cpus));
                if (!shared.isEmpty()) {
                    notes.add(
                            vm.name()
                                    + ": its own vcpu_pins share cores with "
                                    + String.join(", ", shared));
                }
                SortedSet<Integer> nodes = nodesOf(cpus);
                occ.addMemory(nodes.first(), vm.memoryMib());
                decide(vm, vm.explicitVcpuPins(), nodes.first(), CpuSet.format(nodes));
            }
            if (!vm.explicitIothreadPins().isEmpty()) {
                for (String pin : vm.explicitIothreadPins()) {
                    SortedSet<Integer> cpus = hostCpus(vm, List.of(pin), "iothreads cpuset");
                    occ.claimIo(vm.name(), nodesOf(cpus).first(), CpuSet.format(cpus));
                }
                ioPins.put(vm.name(), vm.explicitIothreadPins());
            }
        }
    }

    /** Step 2: the placements the host already runs are kept while they follow the rules. */
    void kept() {
        for (VmRequest vm : in.vms()) {
            Placement cur = in.current().get(vm.name());
            if (vcpuPins.containsKey(vm.name()) || cur == null || cur.vcpuPins().isEmpty()) {
                continue;
            }
            String why = Keeping.refusal(vm, cur, occ, diskNode(vm), in.overcommit());
            if (why != null) {
                notes.add(vm.name() + ": placement re-planned: " + why);
                continue;
            }
            SortedSet<Integer> cpus = union(cur.vcpuPins());
            Set<String> shared = occ.claimVcpus(vm.name(), List.copyOf(cpus));
            if (!shared.isEmpty()) {
                notes.add(
                        vm.name()
                                + ": overcommit: keeps cores it shares with "
                                + String.join(", ", shared));
            }
            int n = nodesOf(cpus).first();
            occ.addMemory(n, vm.memoryMib());
            decide(
                    vm,
                    cur.vcpuPins().stream().map(p -> CpuSet.format(CpuSet.parse(p))).toList(),
                    n,
                    Integer.toString(n));
        }
        for (VmRequest vm : in.vms()) {
            Placement cur = in.current().get(vm.name());
            if (cur != null
                    && node.containsKey(vm.name())
                    && !ioPins.containsKey(vm.name())
                    && Keeping.iothreadsKeepable(vm, cur, occ, node.get(vm.name()))) {
                List<String> pins =
                        cur.iothreadPins().stream()
                                .map(p -> CpuSet.format(CpuSet.parse(p)))
                                .toList();
                pins.forEach(p -> occ.claimIo(vm.name(), node.get(vm.name()), p));
                ioPins.put(vm.name(), pins);
            }
        }
    }

    /** Step 3: domains the play does not manage keep their cores. */
    void others() {
        in.others()
                .forEach(
                        (name, pl) -> {
                            String owner = "domain '" + name + "' (not in vms)";
                            List<Integer> cpus =
                                    union(pl.vcpuPins()).stream()
                                            .filter(c -> occ.core(c).isPresent())
                                            .toList();
                            Set<String> shared = occ.claimVcpus(owner, cpus);
                            if (!shared.isEmpty()) {
                                notes.add(
                                        owner + " shares cores with " + String.join(", ", shared));
                            }
                            for (String p : pl.iothreadPins()) {
                                union(List.of(p)).stream()
                                        .filter(c -> occ.core(c).isPresent())
                                        .findFirst()
                                        .ifPresent(
                                                c ->
                                                        occ.claimIo(
                                                                owner,
                                                                in.topology()
                                                                        .nodeOf(c)
                                                                        .map(Topology.Node::id)
                                                                        .orElse(0),
                                                                p));
                            }
                        });
    }

    /** Step 4: every VM without a placement yet, in input order. */
    void place() throws NoFit {
        for (VmRequest vm : in.vms()) {
            if (!vcpuPins.containsKey(vm.name())) {
                placeNew(vm);
            }
        }
    }

    private void placeNew(VmRequest vm) throws NoFit {
        Optional<Integer> disk = diskNode(vm);
        Optional<Fit> fit = Fit.best(vm, candidates(disk), occ);
        if (fit.isEmpty()) {
            if (!in.overcommit()) {
                throw new NoFit(Fit.refusal(vm, disk, occ));
            }
            overcommit(vm, disk);
            return;
        }
        Topology.Node n = fit.get().node();
        List<String> pins = fit.get().threads().stream().map(String::valueOf).toList();
        occ.claimVcpus(vm.name(), fit.get().threads());
        occ.addMemory(n.id(), vm.memoryMib());
        if (needsIo(vm)) {
            occ.reserveIo(n);
        }
        decide(vm, pins, n.id(), Integer.toString(n.id()));
    }

    private void overcommit(VmRequest vm, Optional<Integer> disk) throws NoFit {
        String before = occ.describeFree();
        Topology.Node n =
                Fit.leastLoaded(candidates(disk), occ)
                        .orElseThrow(
                                () ->
                                        new NoFit(
                                                "VM '"
                                                        + vm.name()
                                                        + "' cannot be placed even with overcommit: every CPU is housekeeping ("
                                                        + CpuSet.format(occ.housekeeping())
                                                        + "); leave some CPUs to VMs"));
        List<Integer> threads = Fit.leastLoadedThreads(n, vm.vcpus(), occ);
        Set<String> shared = occ.ownersOf(threads, vm.name());
        occ.claimVcpus(vm.name(), threads);
        occ.addMemory(n.id(), vm.memoryMib());
        notes.add(
                vm.name()
                        + ": overcommit: "
                        + vm.vcpus()
                        + " vCPUs share CPUs "
                        + CpuSet.format(threads)
                        + (shared.isEmpty() ? "" : " with " + String.join(", ", shared))
                        + " (it did not fit; free: "
                        + before
                        + ")"
                        + (n.memoryMib() > 0 && occ.freeMemory(n) < 0
                                ? "; memory of node " + n.id() + " overcommitted"
                                : ""));
        if (needsIo(vm)) {
            occ.reserveIo(n);
        }
        decide(
                vm,
                threads.stream().map(String::valueOf).toList(),
                n.id(),
                Integer.toString(n.id()));
    }

    /** Step 5: IOThreads on the VM's node, on CPUs no vCPU uses. */
    void iothreads() {
        for (VmRequest vm : in.vms()) {
            if (vm.iothreads() > 0 && !ioPins.containsKey(vm.name())) {
                String cpuset = iothreadCpuset(vm, node.get(vm.name()));
                ioPins.put(vm.name(), Collections.nCopies(vm.iothreads(), cpuset));
            }
        }
    }

    private String iothreadCpuset(VmRequest vm, int n) {
        Topology.Node nd =
                in.topology().nodes().stream().filter(x -> x.id() == n).findFirst().orElseThrow();
        Optional<List<Integer>> reserved = occ.reservedIo(n);
        List<List<Integer>> free = occ.freeCores(nd);
        if (reserved.isEmpty() && in.dedicatedIothreads() && !free.isEmpty()) {
            reserved = Optional.of(free.get(free.size() - 1));
        }
        if (reserved.isPresent()) {
            String cs = CpuSet.format(reserved.get());
            occ.claimIo(vm.name(), n, cs);
            return cs;
        }
        Optional<String> shared = occ.sharedIo(n);
        if (shared.isPresent()) {
            notes.add(
                    vm.name()
                            + ": IOThreads share the IOThread core "
                            + shared.get()
                            + " of "
                            + occ.ioOwnerOf(shared.get())
                            + " (no free core left on node "
                            + n
                            + ")");
            return shared.get();
        }
        String hk = occ.housekeepingOn(n);
        notes.add(
                vm.name()
                        + ": IOThreads on housekeeping CPUs "
                        + hk
                        + ": no free core on node "
                        + n);
        return hk;
    }

    Placement placement(VmRequest vm) {
        int n = node.get(vm.name());
        String emulator = vm.explicitEmulator().orElseGet(() -> occ.housekeepingOn(n));
        return new Placement(
                vcpuPins.get(vm.name()),
                emulator,
                ioPins.getOrDefault(vm.name(), List.of()),
                n,
                nodeset.get(vm.name()));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void decide(VmRequest vm, List<String> pins, int n, String nodes) {
        vcpuPins.put(vm.name(), pins);
        node.put(vm.name(), n);
        nodeset.put(vm.name(), nodes);
    }

    private boolean needsIo(VmRequest vm) {
        return vm.iothreads() > 0 && !ioPins.containsKey(vm.name());
    }

    private List<Topology.Node> candidates(Optional<Integer> disk) {
        List<Topology.Node> all = in.topology().nodes();
        List<Topology.Node> on =
                all.stream().filter(n -> disk.isPresent() && n.id() == disk.get()).toList();
        return on.isEmpty() ? all : on;
    }

    /**
     * The node of the VM's first disk whose device has one; a note when its disks are on several
     * nodes.
     */
    private Optional<Integer> diskNode(VmRequest vm) {
        SortedSet<Integer> seen = new TreeSet<>();
        Optional<Integer> first = Optional.empty();
        for (String p : vm.diskPaths()) {
            Optional<Integer> n = in.topology().nodeOfPath(p).filter(x -> x >= 0);
            n.ifPresent(seen::add);
            first = first.or(() -> n);
        }
        if (seen.size() > 1
                && !notes.contains(vm.name() + ": disks on nodes " + CpuSet.format(seen))) {
            notes.add(vm.name() + ": disks on nodes " + CpuSet.format(seen));
        }
        return first;
    }

    private SortedSet<Integer> hostCpus(VmRequest vm, List<String> sets, String what) throws NoFit {
        SortedSet<Integer> cpus;
        try {
            cpus = union(sets);
        } catch (IllegalArgumentException e) {
            throw new NoFit("VM '" + vm.name() + "': " + what + ": " + e.getMessage());
        }
        SortedSet<Integer> unknown = new TreeSet<>(cpus);
        unknown.removeAll(in.topology().cpus());
        if (!unknown.isEmpty() || cpus.isEmpty()) {
            throw new NoFit(
                    "VM '"
                            + vm.name()
                            + "': "
                            + what
                            + " name CPUs "
                            + CpuSet.format(unknown)
                            + " that this host does not have (its CPUs: "
                            + CpuSet.format(in.topology().cpus())
                            + ")");
        }
        return cpus;
    }

    private SortedSet<Integer> nodesOf(SortedSet<Integer> cpus) {
        SortedSet<Integer> out = new TreeSet<>();
        cpus.forEach(c -> in.topology().nodeOf(c).ifPresent(n -> out.add(n.id())));
        return out;
    }

    static SortedSet<Integer> union(List<String> sets) {
        SortedSet<Integer> out = new TreeSet<>();
        sets.forEach(s -> out.addAll(CpuSet.parse(s)));
        return out;
    }
}
