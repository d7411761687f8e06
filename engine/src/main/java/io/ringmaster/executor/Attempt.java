package io.ringmaster.executor;

import io.ringmaster.event.Status;
import java.util.Map;

/** One run of a module on one host (one loop item), before it becomes a TaskResult. */
record Attempt(
        Status status,
        String msg,
        Map<String, Object> data,
        String diff,
        Map<String, Object> registered) {

    static Attempt of(Status status, String msg, Map<String, Object> data, String diff) {
        return new Attempt(status, msg, data, diff, ResultShape.registered(status, msg, data));
    }

    static Attempt failed(String msg) {
        return of(Status.FAILED, msg, Map.of(), null);
    }
}
