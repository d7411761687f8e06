package io.ringmaster.executor;

import io.ringmaster.event.RunEvent;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import io.ringmaster.playbook.Play;
import io.ringmaster.playbook.Task;
import java.util.List;

/**
 * {@code meta:} tasks, which act on the strategy rather than on a host, as in Ansible: {@code
 * flush_handlers} runs the notified handlers now; {@code end_host} ends the play for the hosts
 * whose {@code when} holds (they are not failed); {@code end_batch} ends the current serial batch;
 * {@code end_play} ends the play for every host (no further batches, no handlers); {@code noop}
 * does nothing. As in Ansible they print their TASK header and no host line, except "skipping"
 * where {@code when} is false.
 */
final class Meta {
    static final String MODULE = "meta";

    /** The play runner's handler flush. */
    interface Flush {
        void run(Play play, List<HostState> hosts, PlayContext ctx) throws InterruptedException;
    }

    private final RunContext run;
    private final TaskRunner tasks;
    private final TagFilter tags;
    private final Flush flush;
    private volatile boolean endPlay;
    private volatile boolean endBatch;

    Meta(RunContext run, TaskRunner tasks, TagFilter tags, Flush flush) {
        this.run = run;
        this.tasks = tasks;
        this.tags = tags;
        this.flush = flush;
    }

    boolean endPlay() {
        return endPlay;
    }

    boolean endBatch() {
        return endBatch || endPlay;
    }

    void nextBatch() {
        endBatch = false;
    }

    void run(Task task, List<HostState> hosts, PlayContext ctx, BlockScope scope)
            throws InterruptedException {
        if (!tags.runs(task.options().tags())) {
            return;
        }
        String action =
                String.valueOf(task.args().getOrDefault(Task.FREE_FORM, task.args().get("action")));
        String role = task.role() == null ? null : task.role().name();
        run.listener()
                .on(
                        new RunEvent.TaskStarted(
                                task.name(),
                                task.module(),
                                role,
                                task.position().toString(),
                                false));
        if (action.equals("flush_handlers")) {
            flush.run(ctx.play(), hosts, ctx);
            return;
        }
        for (HostState host : hosts.stream().filter(HostState::active).toList()) {
            TaskResult r = tasks.run(task, host, ctx, scope);
            if (r.status() == Status.FAILED || r.status() == Status.SKIPPED) {
                host.count(r);
                run.listener().on(new RunEvent.HostDone(task.name(), task.module(), role, r));
                if (r.status() == Status.FAILED) {
                    host.fail();
                }
                continue;
            }
            switch (action) {
                case "end_host" -> host.end();
                case "end_batch" -> endBatch = true;
                case "end_play" -> endPlay = true;
                default -> {}
            }
        }
    }
}
