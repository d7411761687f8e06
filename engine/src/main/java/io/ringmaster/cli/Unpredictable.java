package io.ringmaster.cli;

import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunListener;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import io.ringmaster.executor.RunOutcome;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the results --check skipped because their module cannot predict them (a command without
 * creates or removes): under --check --assert-no-changes they are what the gate cannot see, so the
 * command line says so.
 */
final class Unpredictable implements RunListener {
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicReference<String> first = new AtomicReference<>();

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.HostDone d) {
            note(d.task(), d.result());
            d.result().items().forEach(i -> note(d.task(), i));
        }
    }

    private void note(String task, TaskResult r) {
        if (r.status() == Status.SKIPPED && r.msg().startsWith(RunOutcome.UNPREDICTABLE)) {
            count.incrementAndGet();
            first.compareAndSet(null, "'" + task + "' on " + r.host());
        }
    }

    int count() {
        return count.get();
    }

    String first() {
        return first.get();
    }
}
