package io.ringmaster.report;

import io.ringmaster.event.HostStats;
import io.ringmaster.event.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A whole run as the file reports see it, assembled from events by {@link RunCollector}.
 *
 * @param playbook the playbook files as given, joined with ", ", or null when no PlaybookStarted
 *     was seen
 * @param playbooks each playbook file as given, in run order
 * @param checkMode --check
 * @param diffMode --diff
 * @param plays in order
 * @param stats the recap per host, in inventory order
 * @param duration wall time of the run
 * @param interrupted whether the run stopped early
 */
record RunLog(
        String playbook,
        List<String> playbooks,
        boolean checkMode,
        boolean diffMode,
        List<Play> plays,
        Map<String, HostStats> stats,
        Duration duration,
        boolean interrupted) {

    /**
     * One play: its name, its hosts (after --limit) and its tasks and handlers in the order they
     * ran.
     */
    record Play(String name, List<String> hosts, List<Task> tasks) {}

    /** One task or handler and its result on each host, in the order the hosts finished. */
    record Task(
            String name,
            String module,
            String role,
            String path,
            boolean handler,
            List<TaskResult> results) {}
}
