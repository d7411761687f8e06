package io.ringmaster.executor;

import io.ringmaster.event.HostStats;
import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunListener;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects every event of a run, in delivery order, and answers questions about them. */
final class RecordingListener implements RunListener {
    private final List<RunEvent> events = new ArrayList<>();

    @Override
    public synchronized void on(RunEvent event) {
        events.add(event);
    }

    synchronized List<RunEvent> events() {
        return List.copyOf(events);
    }

    <T extends RunEvent> List<T> of(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The names of the tasks started, in order (handlers included, facts gathering included). */
    List<String> tasksStarted() {
        return of(RunEvent.TaskStarted.class).stream().map(RunEvent.TaskStarted::name).toList();
    }

    /** "task@host" for each HostDone, in order. */
    List<String> done() {
        return of(RunEvent.HostDone.class).stream()
                .map(d -> d.task() + "@" + d.result().host())
                .toList();
    }

    List<TaskResult> results(String task) {
        return of(RunEvent.HostDone.class).stream()
                .filter(d -> d.task().equals(task))
                .map(RunEvent.HostDone::result)
                .toList();
    }

    TaskResult result(String task, String host) {
        List<TaskResult> r = results(task).stream().filter(t -> t.host().equals(host)).toList();
        if (r.size() != 1) {
            throw new AssertionError(
                    "expected one result of '"
                            + task
                            + "' on "
                            + host
                            + ", got "
                            + r
                            + "\nevents: "
                            + events());
        }
        return r.get(0);
    }

    Optional<TaskResult> maybe(String task, String host) {
        return results(task).stream().filter(t -> t.host().equals(host)).findFirst();
    }

    /** Hosts the task finished on, in event order. */
    List<String> hosts(String task) {
        return results(task).stream().map(TaskResult::host).toList();
    }

    Map<String, Status> statuses(String task) {
        Map<String, Status> m = new java.util.TreeMap<>();
        results(task).forEach(r -> m.put(r.host(), r.status()));
        return m;
    }

    List<String> notices() {
        return of(RunEvent.Notice.class).stream().map(RunEvent.Notice::message).toList();
    }

    List<String> warnings() {
        return of(RunEvent.Warning.class).stream().map(RunEvent.Warning::message).toList();
    }

    RunEvent.RunFinished finished() {
        List<RunEvent.RunFinished> f = of(RunEvent.RunFinished.class);
        if (f.size() != 1) {
            throw new AssertionError("expected exactly one RunFinished, got " + f.size());
        }
        return f.get(0);
    }

    HostStats stats(String host) {
        HostStats s = finished().stats().get(host);
        if (s == null) {
            throw new AssertionError("no stats for " + host + " in " + finished().stats());
        }
        return s;
    }

    /** A compact rendering of the run for assertion messages. */
    String transcript() {
        StringBuilder sb = new StringBuilder();
        for (RunEvent e : events()) {
            if (e instanceof RunEvent.HostDone d) {
                sb.append("  ")
                        .append(d.task())
                        .append(" @ ")
                        .append(d.result().host())
                        .append(": ")
                        .append(d.result().status())
                        .append(d.result().ignored() ? " (ignored)" : "")
                        .append(" ")
                        .append(d.result().msg())
                        .append('\n');
            } else {
                sb.append(e).append('\n');
            }
        }
        return sb.toString();
    }
}
