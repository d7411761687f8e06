package io.ringmaster.executor;

import io.ringmaster.event.TaskResult;
import java.util.List;
import java.util.Map;

/**
 * {@code no_log: true}, as Ansible does it: what a task's result says is replaced before any
 * listener sees it, so the console at every verbosity, the JSON and JUnit reports, diffs and
 * failure messages show only that it was hidden. The status, changed, timing and ignore_errors
 * stay; the registered variable keeps the real result.
 */
final class NoLog {
    static final String CENSORED =
            "the output has been hidden due to the fact that 'no_log: true' was specified "
                    + "for this result";

    private NoLog() {}

    static TaskResult censor(TaskResult r) {
        List<TaskResult> items = r.items().stream().map(NoLog::censor).toList();
        Map<String, Object> data = Map.of("censored", CENSORED);
        return new TaskResult(
                r.host(), r.status(), CENSORED, data, null, r.duration(), r.ignored(), items, null);
    }
}
