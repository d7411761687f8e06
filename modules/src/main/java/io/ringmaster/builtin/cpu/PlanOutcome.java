package io.ringmaster.builtin.cpu;

import java.util.List;
import java.util.Map;

/** What the planner decided: a plan for every VM, or why it could not make one. */
public sealed interface PlanOutcome permits PlanOutcome.Planned, PlanOutcome.Refused {

    /**
     * Every VM placed.
     *
     * @param plan placements by VM name, in the order of the input
     * @param free host CPUs that no VM uses and that are not housekeeping
     * @param notes what the plan did that an operator should know (kept, re-planned, shared,
     *     overcommitted)
     */
    record Planned(Map<String, Placement> plan, List<Integer> free, List<String> notes)
            implements PlanOutcome {
        public Planned {
            plan = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(plan));
            free = List.copyOf(free);
            notes = List.copyOf(notes);
        }
    }

    /** No plan: {@code message} names the VM, what it needs and what is free, and how to fix it. */
    record Refused(String message) implements PlanOutcome {}
}
