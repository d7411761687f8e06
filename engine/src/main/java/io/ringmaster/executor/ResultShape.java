package io.ringmaster.executor;

import io.ringmaster.event.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registered form of a result, as Ansible shapes it: changed, failed, skipped, msg and the
 * module's data.
 */
final class ResultShape {
    private ResultShape() {}

    static Map<String, Object> registered(Status status, String msg, Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changed", status == Status.CHANGED);
        out.put("failed", status == Status.FAILED);
        out.put("skipped", status == Status.SKIPPED);
        out.put("msg", msg == null ? "" : msg);
        if (status == Status.UNREACHABLE) {
            out.put("unreachable", true);
        }
        data.forEach(
                (k, v) -> {
                    if (v != null) {
                        out.put(k, v);
                    }
                });
        return out;
    }

    static Map<String, Object> loop(Status status, String msg, List<Map<String, Object>> results) {
        Map<String, Object> out = registered(status, msg, Map.of());
        out.put("results", results);
        return out;
    }
}
