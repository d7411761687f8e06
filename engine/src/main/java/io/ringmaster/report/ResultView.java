package io.ringmaster.report;

import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task result as the JSON object Ansible shows after {@code =>}: {@code changed}, then {@code
 * msg} (or {@code skip_reason} for a skip) when there is one, then the result data in its own
 * order, then {@code item} for a loop item and {@code unreachable: true} for an unreachable host.
 */
final class ResultView {
    private ResultView() {}

    /** The result's fields in display order. */
    static Map<String, Object> of(TaskResult r) {
        return of(r, true);
    }

    /**
     * As {@link #of(TaskResult)}, leaving out {@code changed} when asked (Ansible's debug output
     * has none).
     */
    static Map<String, Object> of(TaskResult r, boolean withChanged) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withChanged) {
            m.put("changed", r.changed());
        }
        if (!r.msg().isEmpty()) {
            m.put(r.status() == Status.SKIPPED ? "skip_reason" : "msg", r.msg());
        }
        r.data().forEach(m::putIfAbsent);
        if (r.item() != null) {
            m.putIfAbsent("item", r.item());
        }
        if (r.status() == Status.UNREACHABLE) {
            m.put("unreachable", true);
        }
        return m;
    }
}
