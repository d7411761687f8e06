package io.ringmaster.event;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One task's result on one host (for a loop, the whole loop; each item is in {@link #items()}).
 *
 * @param host inventory name
 * @param status the outcome after changed_when/failed_when
 * @param msg a one-line message (empty when none)
 * @param data the registered result as Ansible shapes it (rc, stdout, ...), without
 *     changed/failed/msg
 * @param diff unified diff under --diff, or null
 * @param duration wall time on this host
 * @param ignored failed, but ignore_errors let the host carry on
 * @param items per-item results of a loop, empty otherwise
 * @param item the loop item this result is for (loops' item results only), or null
 */
public record TaskResult(
        String host,
        Status status,
        String msg,
        Map<String, Object> data,
        String diff,
        Duration duration,
        boolean ignored,
        List<TaskResult> items,
        Object item) {
    public TaskResult {
        msg = msg == null ? "" : msg;
        data =
                data == null
                        ? Map.of()
                        : java.util.Collections.unmodifiableMap(
                                new java.util.LinkedHashMap<>(data));
        items = List.copyOf(items);
    }

    /**
     * Changed something: the status says so, a failed module says it changed the host before
     * failing ({@code changed: true} in its data, as a define that ran and then failed
     * verification), or (a loop that failed) one of its items changed.
     */
    public boolean changed() {
        return status == Status.CHANGED
                || (status == Status.FAILED && Boolean.TRUE.equals(data.get("changed")))
                || items.stream().anyMatch(TaskResult::changed);
    }
}
