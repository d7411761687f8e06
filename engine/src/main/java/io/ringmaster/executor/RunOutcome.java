package io.ringmaster.executor;

import io.ringmaster.event.HostStats;
import java.util.Map;

/**
 * How a run ended: the recap per host, whether Ctrl-C stopped it, and whether a play could not
 * start (a vars_files entry or hosts pattern that failed to render or load: a playbook error, exit
 * 4).
 */
public record RunOutcome(Map<String, HostStats> stats, boolean interrupted, boolean playbookError) {

    /**
     * How the message of a result skipped under --check because it cannot be predicted begins: the
     * engine's own (a module without check mode) and a module's {@code Skipped} (a command without
     * creates/removes).
     */
    public static final String UNPREDICTABLE = "check mode: ";

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
