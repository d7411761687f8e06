package io.ringmaster.executor;

import io.ringmaster.event.HostStats;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One host's state for the run: facts and registered results, whether it failed or became
 * unreachable, the handlers it notified, and its recap counters. Only the thread running a task on
 * this host writes it.
 */
final class HostState {
    final String name;
    final Map<String, Object> facts = new ConcurrentHashMap<>();
    final Map<String, Object> registered = new ConcurrentHashMap<>();
    final Set<String> notified = ConcurrentHashMap.newKeySet();
    final ReadAheads readAheads = new ReadAheads();
    private volatile boolean failed;
    private volatile boolean unreachable;
    private volatile boolean ended;
    private HostStats stats = HostStats.ZERO;

    HostState(String name) {
        this.name = name;
    }

    boolean active() {
        return !failed && !unreachable && !ended;
    }

    /** {@code meta: end_host}: the host does nothing more in this play, without failing. */
    void end() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    /** A new play: a host ended by {@code end_host} takes part again. */
    void resume() {
        ended = false;
    }

    boolean failed() {
        return failed;
    }

    boolean unreachable() {
        return unreachable;
    }

    void fail() {
        failed = true;
    }

    /** Rescue or always take the host back in; {@code rescued} counts a rescue in the recap. */
    synchronized void recover(boolean rescued) {
        if (failed && rescued) {
            stats = stats.plus(HostStats.ZERO.withFailed(-1).withRescued(1));
        }
        failed = false;
    }

    synchronized void count(TaskResult r) {
        HostStats delta =
                switch (r.status()) {
                    case OK -> HostStats.ZERO.withOk(1);
                    case CHANGED -> HostStats.ZERO.withOk(1).withChanged(1);
                    case SKIPPED -> HostStats.ZERO.withSkipped(1);
                    case UNREACHABLE -> HostStats.ZERO.withUnreachable(1);
                    case FAILED ->
                            r.ignored()
                                    ? HostStats.ZERO.withIgnored(1)
                                    : HostStats.ZERO.withFailed(1);
                };
        if (r.status() == Status.FAILED && r.changed()) {
            // a failure still counts what it changed (a loop whose other items changed, a define
            // that then failed)
            delta = delta.plus(HostStats.ZERO.withChanged(1));
        }
        stats = stats.plus(delta);
        if (r.status() == Status.UNREACHABLE) {
            unreachable = true;
        } else if (r.status() == Status.FAILED && !r.ignored()) {
            failed = true;
        }
    }

    synchronized HostStats stats() {
        return stats;
    }

    /** Gathered facts as variables: {@code ansible_facts.kernel} and {@code ansible_kernel}. */
    Map<String, Object> factsLayer() {
        if (facts.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> layer = new java.util.LinkedHashMap<>();
        facts.forEach((k, v) -> layer.put("ansible_" + k, v));
        layer.put("ansible_facts", Map.copyOf(facts));
        return layer;
    }
}
