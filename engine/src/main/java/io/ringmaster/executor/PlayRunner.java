package io.ringmaster.executor;

import io.ringmaster.event.RunEvent;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.playbook.Block;
import io.ringmaster.playbook.FlushHandlers;
import io.ringmaster.playbook.Play;
import io.ringmaster.playbook.Task;
import io.ringmaster.playbook.TaskNode;
import io.ringmaster.playbook.TaskOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs one play with the linear strategy: each task runs on every host of the batch, at most {@code
 * forks} at once, before the next task starts; failed hosts drop out; handlers run at the end of
 * each batch on the hosts that notified them; {@code serial}, {@code max_fail_percentage} and
 * {@code any_errors_fatal} stop a rollout that goes wrong.
 */
final class PlayRunner {
    private final RunContext run;
    private final TaskRunner taskRunner;
    private final TagFilter tags;
    private final Meta meta;
    private boolean aborted;
    private List<HostState> batch = List.of();

    private final StartAt startAt;

    PlayRunner(RunContext run) {
        this(run, new StartAt(null));
    }

    PlayRunner(RunContext run, StartAt startAt) {
        this.run = run;
        this.startAt = startAt;
        this.taskRunner = new TaskRunner(run);
        this.tags = new TagFilter(run.options().tags(), run.options().skipTags());
        this.meta = new Meta(run, taskRunner, tags, this::runHandlers);
    }

    /** Runs the play; false when the run must stop (interrupted, or the play was aborted). */
    boolean run(Play play) throws InterruptedException {
        List<String> hosts = new HostSelection(run).hostsFor(play);
        run.listener().on(new RunEvent.PlayStarted(play.name(), hosts));
        if (hosts.isEmpty()) {
            run.listener().on(new RunEvent.Notice("skipping: no hosts matched"));
            return true;
        }
        PlayContext playCtx =
                new PlayContext(play, hosts, hosts, new PlayVarsFiles(run).load(play, hosts));
        hosts.forEach(h -> run.host(h).resume());
        for (List<String> batchNames : Batches.split(hosts, play.serial())) {
            if (meta.endPlay()) {
                return true;
            }
            meta.nextBatch();
            PlayContext ctx = playCtx.inBatch(batchNames);
            batch = batchNames.stream().map(run::host).filter(HostState::active).toList();
            if (play.gatherFacts() && run.registry().find("setup").isPresent()) {
                Task readAheadFor =
                        ReadAheads.candidate(
                                        play.tasks(),
                                        run.registry(),
                                        t -> tags.runs(t.options().tags()) && !startAt.leavingOut())
                                .orElse(null);
                runTask(
                        gatherFacts(play),
                        batch,
                        ctx,
                        BlockScope.of(play.become()),
                        false,
                        readAheadFor);
            }
            runNodes(play.tasks(), batch, ctx, BlockScope.of(play.become()));
            if (!stopping()) {
                runHandlers(play, batch, ctx);
            }
            if (aborted || run.stop().get()) {
                return false;
            }
            if (tooManyFailed(play, batch)) {
                run.listener()
                        .on(
                                new RunEvent.Notice(
                                        "max_fail_percentage "
                                                + play.maxFailPercentage()
                                                + "% exceeded in a batch of "
                                                + batch.size()
                                                + " host(s): stopping the play"));
                return false;
            }
            if (batch.stream().noneMatch(h -> h.active() || h.ended())) {
                run.listener().on(new RunEvent.Notice("NO MORE HOSTS LEFT"));
                return false;
            }
        }
        return true;
    }

    private boolean stopping() {
        return aborted || run.stop().get() || meta.endBatch();
    }

    private static boolean tooManyFailed(Play play, List<HostState> batch) {
        if (play.maxFailPercentage() == null || batch.isEmpty()) {
            return false;
        }
        long failed = batch.stream().filter(h -> h.failed() || h.unreachable()).count();
        return failed * 100.0 / batch.size() > play.maxFailPercentage();
    }

    private void runNodes(
            List<TaskNode> nodes, List<HostState> hosts, PlayContext ctx, BlockScope scope)
            throws InterruptedException {
        for (TaskNode node : nodes) {
            if (stopping()) {
                return;
            }
            if (node instanceof Task t && t.module().equals(Meta.MODULE)) {
                meta.run(t, hosts, ctx, scope);
            } else if (node instanceof Task t) {
                runTask(t, hosts, ctx, scope, false);
            } else if (node instanceof Block b) {
                runBlock(b, hosts, ctx, scope);
            } else if (node instanceof FlushHandlers) {
                runHandlers(ctx.play(), batch, ctx);
            }
        }
    }

    private void runBlock(Block block, List<HostState> hosts, PlayContext ctx, BlockScope outer)
            throws InterruptedException {
        BlockScope scope = outer.enter(block.options());
        List<HostState> entered = hosts.stream().filter(HostState::active).toList();
        runNodes(block.block(), entered, ctx, scope.rescuedBy(!block.rescue().isEmpty()));
        List<HostState> failed =
                entered.stream().filter(h -> h.failed() && !h.unreachable()).toList();
        if (!block.rescue().isEmpty() && !failed.isEmpty() && !stopping()) {
            failed.forEach(
                    h -> {
                        h.recover(true);
                        run.listener().on(new RunEvent.Rescued(h.name));
                    });
            runNodes(block.rescue(), failed, ctx, scope);
        }
        if (!block.always().isEmpty() && !stopping()) {
            List<HostState> stillFailed = entered.stream().filter(HostState::failed).toList();
            stillFailed.forEach(h -> h.recover(false));
            runNodes(
                    block.always(),
                    entered.stream().filter(h -> !h.unreachable()).toList(),
                    ctx,
                    scope);
            stillFailed.forEach(HostState::fail);
        }
    }

    void runHandlers(Play play, List<HostState> batch, PlayContext ctx)
            throws InterruptedException {
        for (Task handler : play.handlers()) {
            List<HostState> notified =
                    batch.stream()
                            .filter(HostState::active)
                            .filter(
                                    h ->
                                            h.notified.contains(handler.name())
                                                    || handler.options().listen().stream()
                                                            .anyMatch(h.notified::contains))
                            .toList();
            if (notified.isEmpty() || stopping()) {
                continue;
            }
            runTask(handler, notified, ctx, BlockScope.of(play.become()), true);
            // Only the handler's own name is consumed here: a listen topic may wake several
            // handlers, each of
            // which must still see it. Everything notified is cleared once the handlers have run.
            notified.forEach(h -> h.notified.remove(handler.name()));
        }
        batch.forEach(h -> h.notified.clear());
    }

    private void runTask(
            Task task, List<HostState> hosts, PlayContext ctx, BlockScope scope, boolean handler)
            throws InterruptedException {
        runTask(task, hosts, ctx, scope, handler, null);
    }

    /**
     * Runs {@code task} on every active host in parallel; {@code readAheadFor} (or null) is the
     * later task whose first read each host may make inside this task's exec (fact gathering).
     */
    private void runTask(
            Task task,
            List<HostState> hosts,
            PlayContext ctx,
            BlockScope scope,
            boolean handler,
            Task readAheadFor)
            throws InterruptedException {
        List<HostState> active = hosts.stream().filter(HostState::active).toList();
        // A notified handler runs whatever --tags/--skip-tags say, as in Ansible: the task that
        // notified it was
        // selected, and that is what counts.
        if (active.isEmpty() || !handler && !tags.runs(task.options().tags())) {
            return;
        }
        if (!handler && !task.name().equals("Gathering Facts") && startAt.skips(task)) {
            return;
        }
        String role = task.role() == null ? null : task.role().name();
        String shown = taskRunner.displayName(task, active.get(0), ctx, scope);
        run.listener()
                .on(
                        new RunEvent.TaskStarted(
                                shown, task.module(), role, task.position().toString(), handler));
        List<Future<TaskResult>> futures = new ArrayList<>();
        for (HostState host : active) {
            futures.add(
                    run.pool()
                            .submit(
                                    () -> {
                                        if (run.stop().get()) {
                                            return null;
                                        }
                                        if (readAheadFor != null) {
                                            taskRunner.offerReadAhead(
                                                    readAheadFor, host, ctx, scope);
                                        }
                                        TaskResult r = taskRunner.run(task, host, ctx, scope);
                                        host.count(r);
                                        if (r.status() == Status.FAILED && !r.ignored()) {
                                            host.registered.put(
                                                    "ansible_failed_task",
                                                    Map.of(
                                                            "name",
                                                            task.name(),
                                                            "module",
                                                            task.module(),
                                                            "path",
                                                            task.position().toString()));
                                            host.registered.put(
                                                    "ansible_failed_result",
                                                    ResultShape.registered(
                                                            Status.FAILED, r.msg(), r.data()));
                                        }
                                        run.listener()
                                                .on(
                                                        new RunEvent.HostDone(
                                                                shown,
                                                                task.module(),
                                                                role,
                                                                task.options().noLog()
                                                                        ? NoLog.censor(r)
                                                                        : r));
                                        return r;
                                    }));
        }
        boolean anyFailed = false;
        for (Future<TaskResult> f : futures) {
            try {
                TaskResult r = f.get();
                anyFailed |= r != null && r.status() == Status.FAILED && !r.ignored();
            } catch (ExecutionException e) {
                throw new IllegalStateException("task runner crashed", e.getCause());
            }
        }
        if (!aborted && !scope.rescued() && tooManyFailed(ctx.play(), batch)) {
            run.listener()
                    .on(
                            new RunEvent.Notice(
                                    "max_fail_percentage "
                                            + ctx.play().maxFailPercentage()
                                            + "% exceeded after '"
                                            + task.name()
                                            + "' ("
                                            + batch.stream()
                                                    .filter(h -> h.failed() || h.unreachable())
                                                    .count()
                                            + " of "
                                            + batch.size()
                                            + " host(s) in the batch failed): stopping the rollout"));
            aborted = true;
        }
        if (anyFailed && ctx.play().anyErrorsFatal() && !scope.rescued()) {
            run.listener()
                    .on(
                            new RunEvent.Notice(
                                    "any_errors_fatal: a host failed in '"
                                            + task.name()
                                            + "', stopping the play for every host"));
            aborted = true;
        }
    }

    private static Task gatherFacts(Play play) {
        TaskOptions opts = TaskOptions.builder().tags(List.of("always")).build();
        return new Task(
                "Gathering Facts", "setup", Map.of(), Map.of(), opts, null, play.position());
    }

    /**
     * Thrown out of helpers when a play-level expression (hosts, vars_files) cannot be rendered.
     */
    static final class PlayError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PlayError(ExpressionException e) {
            super(e.getMessage());
        }
    }
}
