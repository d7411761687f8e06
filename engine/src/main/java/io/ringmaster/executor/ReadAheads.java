package io.ringmaster.executor;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ReadAhead;
import io.ringmaster.playbook.Task;
import io.ringmaster.playbook.TaskNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One host's read-aheads (see {@link ReadAhead}): offered for a later task before fact gathering,
 * run inside fact gathering's exec, taken by that task. Anything else run on the host in between
 * (any exec, upload, lock or reconnect) drops every result: a read-ahead is never used stale.
 */
final class ReadAheads {

    /**
     * One read-ahead: the task it is for, who it runs as (become), and its result once run.
     *
     * @param result null until the carrying exec has run it
     */
    private record Entry(Task task, String runsAs, ReadAhead read, ExecResult result) {}

    private final List<Entry> entries = new ArrayList<>();

    /**
     * The task of {@code tasks} (a play's, in order) whose read may be made during fact gathering:
     * the first that is not a {@link Module#usesOnlyFacts} module, when it is a plain task (no
     * loop, not in a block) that {@code runs} says will run.
     */
    static Optional<Task> candidate(
            List<TaskNode> tasks, ModuleRegistry registry, Predicate<Task> runs) {
        for (TaskNode node : tasks) {
            if (!(node instanceof Task t)) {
                return Optional.empty();
            }
            Optional<Module> m = registry.find(t.module());
            if (m.isEmpty() || t.module().equals(Meta.MODULE)) {
                return Optional.empty();
            }
            if (!m.get().usesOnlyFacts()) {
                return t.options().loop() == null && runs.test(t)
                        ? Optional.of(t)
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    synchronized void offer(Task task, String runsAs, ReadAhead read) {
        entries.add(new Entry(task, runsAs, read, null));
    }

    /** The read-aheads not run yet that a task running as {@code runsAs} may carry. */
    synchronized List<ReadAhead> pending(String runsAs) {
        return entries.stream()
                .filter(e -> e.result() == null && e.runsAs().equals(runsAs))
                .map(Entry::read)
                .toList();
    }

    synchronized void done(ReadAhead read, ExecResult result) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.read() == read && e.result() == null) {
                entries.set(i, new Entry(e.task(), e.runsAs(), read, result));
            }
        }
    }

    /** The results for {@code task} running as {@code runsAs}, removed: each is given once. */
    synchronized List<ReadAhead.Done> take(Task task, String runsAs) {
        List<ReadAhead.Done> out = new ArrayList<>();
        entries.removeIf(
                e -> {
                    boolean mine =
                            e.task() == task && e.runsAs().equals(runsAs) && e.result() != null;
                    if (mine) {
                        out.add(new ReadAhead.Done(e.read(), e.result()));
                    }
                    return mine;
                });
        return out;
    }

    /** Something ran on the host: every result is dropped (offers not run yet stay). */
    synchronized void ranSomething() {
        entries.removeIf(e -> e.result() != null);
    }
}
