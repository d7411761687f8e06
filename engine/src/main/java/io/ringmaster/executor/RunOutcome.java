package io.ringmaster.executor;

import io.ringmaster.event.HostStats;
import java.util.Map;

/** How a run ended: the recap per host, and whether it stopped early. */
public record RunOutcome(Map<String, HostStats> stats, boolean interrupted) {

    public boolean anyFailed() {
        return stats.values().stream().anyMatch(s -> s.failed() > 0);
    }

    public boolean anyUnreachable() {
        return stats.values().stream().anyMatch(s -> s.unreachable() > 0);
    }

    public boolean anyChanged() {
        return stats.values().stream().anyMatch(s -> s.changed() > 0);
    }
}
