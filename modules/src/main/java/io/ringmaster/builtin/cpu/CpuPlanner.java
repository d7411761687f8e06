package io.ringmaster.builtin.cpu;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The placement planner: a pure function of {@link PlanInput}. In order: explicit pins (they win),
 * kept placements (the host's existing domains), other domains' cores, then every new VM in input
 * order (whole free cores on one node, the node of its disks when they have one), then IOThreads (a
 * dedicated core while the plan has room, else the node's shared IOThread core), emulator threads
 * on housekeeping, memory bound to the VM's node. Because earlier VMs choose first and kept
 * placements are claimed before anything new, appending a VM never moves the others and removing
 * one never moves the rest.
 */
public final class CpuPlanner {
    private CpuPlanner() {}

    public static PlanOutcome plan(PlanInput in) {
        String bad = checkHousekeeping(in);
        if (bad != null) {
            return new PlanOutcome.Refused(bad);
        }
        Planning p = new Planning(in);
        try {
            p.explicit();
            p.kept();
            p.others();
            p.place();
            p.iothreads();
        } catch (Planning.NoFit e) {
            return new PlanOutcome.Refused(e.getMessage());
        }
        Map<String, Placement> plan = new LinkedHashMap<>();
        in.vms().forEach(vm -> plan.put(vm.name(), p.placement(vm)));
        return new PlanOutcome.Planned(plan, p.occupancy().free(), p.notes());
    }

    private static String checkHousekeeping(PlanInput in) {
        SortedSet<Integer> unknown = new TreeSet<>(in.housekeeping());
        unknown.removeAll(in.topology().cpus());
        if (!unknown.isEmpty()) {
            return "housekeeping CPUs "
                    + CpuSet.format(unknown)
                    + " are not on this host (its CPUs: "
                    + CpuSet.format(in.topology().cpus())
                    + "); fix kvm_housekeeping_cpuset / housekeeping";
        }
        if (in.housekeeping().isEmpty()) {
            return "no housekeeping CPUs: emulator threads need at least one host CPU; set housekeeping "
                    + "(kvm_housekeeping_cpuset), e.g. the first core with its siblings";
        }
        return null;
    }
}
