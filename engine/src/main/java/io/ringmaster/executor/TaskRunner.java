package io.ringmaster.executor;

import io.ringmaster.event.RunEvent;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import io.ringmaster.module.api.Args;
import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.module.api.Remote;
import io.ringmaster.playbook.BecomeSpec;
import io.ringmaster.playbook.Expr;
import io.ringmaster.playbook.Task;
import io.ringmaster.vars.LazyVars;
import io.ringmaster.vars.Overlay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one task on one host: conditions, loop, argument rendering and binding, check mode,
 * privilege escalation, the module itself with until/retries, changed_when/failed_when, register,
 * facts and notify.
 */
final class TaskRunner {
    /** Ansible's names for the sudo password of a host, in its order of preference. */
    private static final List<String> BECOME_PASSWORD_VARS =
            List.of("ansible_become_password", "ansible_become_pass", "ansible_sudo_pass");

    private final RunContext run;
    private final VarsAssembler assembler;

    TaskRunner(RunContext run) {
        this.run = run;
        this.assembler = new VarsAssembler(run);
    }

    TaskResult run(Task task, HostState host, PlayContext play, BlockScope scope)
            throws InterruptedException {
        long start = System.nanoTime();
        TaskResult result;
        try {
            result =
                    task.options().loop() == null
                            ? single(task, host, play, scope, start)
                            : loop(task, host, play, scope, start);
        } catch (ExpressionException | LazyVars.VariableRenderingException e) {
            result =
                    new TaskResult(
                            host.name,
                            Status.FAILED,
                            e.getMessage(),
                            Map.of(),
                            null,
                            since(start),
                            false,
                            List.of(),
                            null);
            register(task, host, ResultShape.registered(Status.FAILED, e.getMessage(), Map.of()));
        }
        if (result.status() == Status.FAILED
                && (task.options().ignoreErrors()
                        || scope.ignoreErrors()
                        || ignoreIf(task, host, play, scope))) {
            result =
                    new TaskResult(
                            result.host(),
                            result.status(),
                            result.msg(),
                            result.data(),
                            result.diff(),
                            result.duration(),
                            true,
                            result.items(),
                            result.item());
        }
        if (result.status() == Status.CHANGED) {
            host.notified.addAll(task.options().notifies());
        }
        return result;
    }

    private TaskResult single(
            Task task, HostState host, PlayContext play, BlockScope scope, long start)
            throws InterruptedException, ExpressionException {
        LazyVars vars = assembler.forTask(host, play, task, scope, Map.of());
        if (!conditionsHold(task, scope, vars)) {
            Attempt skipped =
                    Attempt.of(Status.SKIPPED, "Conditional result was False", Map.of(), null);
            register(task, host, skipped.registered());
            return toResult(host, skipped, start, null);
        }
        Attempt a = attempt(task, host, play, scope, vars);
        register(task, host, a.registered());
        return toResult(host, a, start, null);
    }

    private TaskResult loop(
            Task task, HostState host, PlayContext play, BlockScope scope, long start)
            throws InterruptedException, ExpressionException {
        LazyVars vars0 = assembler.forTask(host, play, task, scope, Map.of());
        Object loop = task.options().loop();
        Object rendered =
                loop instanceof io.ringmaster.playbook.Expr e
                        ? run.templar().render(e.text(), vars0, e.position())
                        : run.templar().render(loop, vars0, task.position());
        if (!(rendered instanceof List<?> items)) {
            throw new ExpressionException(
                    task.position()
                            + ": loop must be a list, got "
                            + (rendered == null
                                    ? "null"
                                    : rendered.getClass().getSimpleName() + " '" + rendered + "'")
                            + "\n  hint: write loop: ${my_list} or a YAML list");
        }
        String loopVar = task.options().loopVar();
        List<TaskResult> results = new ArrayList<>();
        List<Map<String, Object>> registered = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            long itemStart = System.nanoTime();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put(loopVar, item);
            extra.put("ansible_loop_var", loopVar);
            extra.put(
                    "ansible_loop",
                    Map.of(
                            "index",
                            i + 1,
                            "index0",
                            i,
                            "first",
                            i == 0,
                            "last",
                            i == items.size() - 1,
                            "length",
                            items.size()));
            LazyVars vars = assembler.forTask(host, play, task, scope, extra);
            Attempt a =
                    conditionsHold(task, scope, vars)
                            ? attempt(task, host, play, scope, vars)
                            : Attempt.of(
                                    Status.SKIPPED, "Conditional result was False", Map.of(), null);
            Map<String, Object> reg = new LinkedHashMap<>(a.registered());
            reg.put(loopVar, item);
            reg.put("ansible_loop_var", loopVar);
            registered.add(reg);
            results.add(toResult(host, a, itemStart, label(task, item, vars)));
            if (a.status() == Status.UNREACHABLE) {
                break;
            }
        }
        Status status = aggregate(results);
        String msg =
                status == Status.FAILED
                        ? "One or more items failed"
                        : status == Status.SKIPPED ? "All items skipped" : "";
        Map<String, Object> reg = ResultShape.loop(status, msg, registered);
        if (results.stream().anyMatch(TaskResult::changed)) {
            reg.put("changed", true);
        }
        register(task, host, reg);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("results", registered);
        return new TaskResult(
                host.name, status, msg, data, null, since(start), false, results, null);
    }

    /** What the output shows for an item: loop_control.label rendered, else the item itself. */
    private Object label(Task task, Object item, Map<String, Object> vars) {
        if (task.options().label() == null) {
            return item;
        }
        try {
            return run.templar().render(task.options().label(), vars, task.position());
        } catch (ExpressionException e) {
            return item;
        }
    }

    private static Status aggregate(List<TaskResult> results) {
        if (results.stream().anyMatch(r -> r.status() == Status.UNREACHABLE)) {
            return Status.UNREACHABLE;
        }
        if (results.stream().anyMatch(r -> r.status() == Status.FAILED)) {
            return Status.FAILED;
        }
        if (results.stream().anyMatch(r -> r.status() == Status.CHANGED)) {
            return Status.CHANGED;
        }
        if (!results.isEmpty() && results.stream().allMatch(r -> r.status() == Status.SKIPPED)) {
            return Status.SKIPPED;
        }
        return Status.OK;
    }

    private boolean conditionsHold(Task task, BlockScope scope, Map<String, Object> vars)
            throws ExpressionException {
        for (Expr e : scope.when()) {
            if (!run.templar().test(e.text(), vars, e.position())) {
                return false;
            }
        }
        for (Expr e : task.options().when()) {
            if (!run.templar().test(e.text(), vars, e.position())) {
                return false;
            }
        }
        return true;
    }

    /**
     * One attempt of a task on a host, in steps: bind the arguments, decide check mode, connect
     * (with become and the task's timeout), then run the module once, or until its {@code until}
     * holds.
     */
    private Attempt attempt(
            Task task, HostState host, PlayContext play, BlockScope scope, LazyVars vars)
            throws InterruptedException {
        Module module = run.registry().find(task.module()).orElseThrow();
        Args args;
        try {
            args = ArgBinder.bindRendered(module, renderArgs(module, task, vars));
        } catch (ExpressionException e) {
            return Attempt.failed(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Attempt.failed(
                    task.position() + ": task '" + task.name() + "': " + e.getMessage());
        }
        boolean check = checkMode(task, scope);
        if (check && !module.supportsCheckMode()) {
            return Attempt.of(
                    Status.SKIPPED,
                    RunOutcome.UNPREDICTABLE
                            + "module '"
                            + module.name()
                            + "' cannot predict its result, so it did not run",
                    Map.of(),
                    null);
        }
        ModuleContext ctx;
        try {
            ctx = context(task, host, play, vars, args, check, remoteFor(task, host, scope, vars));
        } catch (HostUnreachableException e) {
            return Attempt.of(Status.UNREACHABLE, e.getMessage(), Map.of(), null);
        }
        return task.options().until() == null
                ? once(task, module, ctx, host, vars)
                : untilHolds(task, module, ctx, host, vars);
    }

    /** The task's check_mode, else its block's, else the run's --check. */
    private boolean checkMode(Task task, BlockScope scope) {
        return task.options().checkMode() != null
                ? task.options().checkMode()
                : scope.checkMode() != null ? scope.checkMode() : run.options().checkMode();
    }

    /**
     * The host's connection as the task's module sees it: with become and the task's timeout, and
     * outermost the read-aheads of the host (see {@link ReadAheads}).
     */
    private ReadAheadRemote remoteFor(Task task, HostState host, BlockScope scope, LazyVars vars)
            throws HostUnreachableException, InterruptedException {
        String user = becomeUser(task, scope, vars);
        Remote remote = become(user, vars, run.connector().connect(host.name, vars));
        if (task.options().timeout() != null) {
            remote = Remote.bounded(remote, task.options().timeout());
        }
        return new ReadAheadRemote(remote, host.readAheads, task, user == null ? "" : user);
    }

    /** What the module sees: {@code remote} (from {@link #remoteFor}) and expressions. */
    private ModuleContext context(
            Task task,
            HostState host,
            PlayContext play,
            LazyVars vars,
            Args args,
            boolean check,
            Remote remote) {
        HostExpressions expr =
                new HostExpressions(
                        run.templar(), vars, templateRoots(task, play), task.position());
        return new ModuleContext(
                host.name, args, vars, remote, expr, check, run.options().diffMode());
    }

    /**
     * Offers {@code next}'s first read on {@code host} for fact gathering to carry (see {@link
     * ReadAheads}): with the variables known now, when its conditions already hold. Whatever cannot
     * be decided yet (a condition or argument needing facts, an unreachable host) means no
     * read-ahead: the task reads for itself, and reports any problem, when it runs.
     */
    void offerReadAhead(Task next, HostState host, PlayContext play, BlockScope scope)
            throws InterruptedException {
        try {
            LazyVars vars = assembler.forTask(host, play, next, scope, Map.of());
            Module module = run.registry().find(next.module()).orElseThrow();
            boolean check = checkMode(next, scope);
            if (!conditionsHold(next, scope, vars) || check && !module.supportsCheckMode()) {
                return;
            }
            Args args = ArgBinder.bindRendered(module, renderArgs(module, next, vars));
            ReadAheadRemote remote = remoteFor(next, host, scope, vars);
            module.readAhead(context(next, host, play, vars, args, check, remote))
                    .ifPresent(remote::offer);
        } catch (ExpressionException | HostUnreachableException | RuntimeException e) {
            // decided when the task runs
        }
    }

    /**
     * {@code until}: runs the module up to {@code retries + 1} times, {@code delay} apart, until
     * the condition holds on its result; every result carries {@code attempts}.
     */
    private Attempt untilHolds(
            Task task, Module module, ModuleContext ctx, HostState host, LazyVars vars)
            throws InterruptedException {
        int attempts = Math.max(1, task.options().retries() + 1);
        Attempt a = null;
        for (int i = 1; i <= attempts; i++) {
            a = once(task, module, ctx, host, vars);
            if (a.status() == Status.UNREACHABLE) {
                break;
            }
            Map<String, Object> counted = new LinkedHashMap<>(a.data());
            counted.put("attempts", i);
            a = Attempt.of(a.status(), a.msg(), counted, a.diff());
            Map<String, Object> withResult = new Overlay(registerLayer(task, a.registered()), vars);
            try {
                if (allTrue(task.options().until(), withResult)) {
                    break;
                }
            } catch (ExpressionException e) {
                return Attempt.failed(e.getMessage());
            }
            if (i < attempts) {
                run.listener()
                        .on(
                                new RunEvent.Retrying(
                                        shown(task, vars), task.module(), host.name, attempts - i));
                Thread.sleep((long) (task.options().delay() * 1000));
            } else {
                a = exhausted(task, a, attempts);
            }
        }
        return a;
    }

    /**
     * {@code ignore_errors: $condition}, with the task's variables (not its result, as in Ansible).
     */
    private boolean ignoreIf(Task task, HostState host, PlayContext play, BlockScope scope) {
        Expr e = task.options().ignoreErrorsIf();
        if (e == null) {
            return false;
        }
        try {
            return run.templar()
                    .test(
                            e.text(),
                            assembler.forTask(host, play, task, scope, Map.of()),
                            e.position());
        } catch (ExpressionException | RuntimeException ex) {
            // the failure stands; say why ignore_errors could not be decided
            run.listener()
                    .on(
                            new RunEvent.Warning(
                                    "ignore_errors on " + host.name + ": " + ex.getMessage()));
            return false;
        }
    }

    /**
     * The task's name as headers show it: rendered with {@code host}'s variables, as Ansible
     * renders it; as written when it cannot be (a loop's item is not defined yet).
     */
    String displayName(Task task, HostState host, PlayContext play, BlockScope scope) {
        if (task.name() == null || !io.ringmaster.expr.Templar.isTemplated(task.name())) {
            return task.name();
        }
        try {
            return shown(task, assembler.forTask(host, play, task, scope, Map.of()));
        } catch (RuntimeException e) {
            return task.name();
        }
    }

    private String shown(Task task, Map<String, Object> vars) {
        try {
            return task.name() == null
                    ? null
                    : run.templar().renderString(task.name(), vars, task.position());
        } catch (ExpressionException | RuntimeException e) {
            return task.name();
        }
    }

    /**
     * The until condition never held: as ansible-core 2.14, the registered attempts is the retries
     * count (one less than the runs) and the task fails, unless failed_when (already applied to the
     * last run) says otherwise.
     */
    private static Attempt exhausted(Task task, Attempt last, int runs) {
        Map<String, Object> data = new LinkedHashMap<>(last.data());
        data.put("attempts", runs - 1);
        if (task.options().failedWhen() != null) {
            return Attempt.of(last.status(), last.msg(), data, last.diff());
        }
        return Attempt.of(
                Status.FAILED,
                "Retried "
                        + runs
                        + " times; until condition never held: "
                        + task.options().until().get(0).text(),
                data,
                last.diff());
    }

    /**
     * Renders every argument but those the module evaluates or renders itself (EXPRESSION,
     * TEMPLATE).
     */
    private Map<String, Object> renderArgs(Module module, Task task, Map<String, Object> vars)
            throws ExpressionException {
        Map<String, Object> normalised = ArgBinder.normalise(module, task.args());
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : normalised.entrySet()) {
            boolean keep =
                    module.params().stream()
                            .anyMatch(
                                    p ->
                                            p.name().equals(e.getKey())
                                                    && (p.type() == ParamType.EXPRESSION
                                                            || p.type() == ParamType.TEMPLATE));
            out.put(
                    e.getKey(),
                    keep
                            ? e.getValue()
                            : run.templar().render(e.getValue(), vars, task.position()));
        }
        return out;
    }

    private Attempt once(Task task, Module module, ModuleContext ctx, HostState host, LazyVars vars)
            throws InterruptedException {
        ModuleResult result;
        try {
            result = module.run(ctx);
        } catch (HostUnreachableException e) {
            return Attempt.of(Status.UNREACHABLE, e.getMessage(), Map.of(), null);
        } catch (java.io.UncheckedIOException e) {
            return Attempt.failed(module.name() + " on " + host.name + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return Attempt.failed(
                    "module '"
                            + module.name()
                            + "' failed unexpectedly on "
                            + host.name
                            + ": "
                            + e
                            + "\n  hint: this is a bug in the module; please report it with the task that triggered it");
        }
        Object facts = module.returnsFacts() ? result.data().get("ansible_facts") : null;
        if (facts instanceof Map<?, ?> f) {
            Map<String, Object> target =
                    module.name().equals("setup") ? host.facts : host.registered;
            f.forEach(
                    (k, v) -> {
                        if (v != null) {
                            target.put(String.valueOf(k), v);
                        }
                    });
        }
        Status status =
                result instanceof ModuleResult.Changed
                        ? Status.CHANGED
                        : result instanceof ModuleResult.Failed
                                ? Status.FAILED
                                : result instanceof ModuleResult.Skipped
                                        ? Status.SKIPPED
                                        : Status.OK;
        String diff =
                result instanceof ModuleResult.Changed c && c.diff() != null && ctx.diffMode()
                        ? c.diff().unified()
                        : null;
        Map<String, Object> data = result.data();
        if (module.returnsFacts() && data.containsKey("ansible_facts")) {
            data = new LinkedHashMap<>(data);
            data.remove("ansible_facts");
        }
        Attempt a = Attempt.of(status, result.msg(), data, diff);
        return overrides(task, a, vars);
    }

    /**
     * changed_when and failed_when, evaluated with the result registered under the task's register
     * name.
     */
    private Attempt overrides(Task task, Attempt a, LazyVars vars) {
        if (task.options().changedWhen() == null && task.options().failedWhen() == null
                || a.status() == Status.SKIPPED
                || a.status() == Status.UNREACHABLE) {
            return a;
        }
        Map<String, Object> withResult = new Overlay(registerLayer(task, a.registered()), vars);
        try {
            boolean changed = a.status() == Status.CHANGED;
            if (task.options().changedWhen() != null) {
                changed = allTrue(task.options().changedWhen(), withResult);
            }
            boolean failed = a.status() == Status.FAILED;
            if (task.options().failedWhen() != null) {
                failed = allTrue(task.options().failedWhen(), withResult);
            }
            Status status = failed ? Status.FAILED : changed ? Status.CHANGED : Status.OK;
            String msg =
                    failed && a.status() != Status.FAILED
                            ? "failed_when held: " + task.options().failedWhen().get(0).text()
                            : a.msg();
            return Attempt.of(status, msg, a.data(), status == Status.CHANGED ? a.diff() : null);
        } catch (ExpressionException e) {
            return Attempt.failed(e.getMessage());
        }
    }

    private boolean allTrue(List<Expr> exprs, Map<String, Object> vars) throws ExpressionException {
        for (Expr e : exprs) {
            if (!run.templar().test(e.text(), vars, e.position())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> registerLayer(Task task, Map<String, Object> registered) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("result", registered);
        if (task.options().register() != null) {
            layer.put(task.options().register(), registered);
        }
        return layer;
    }

    /** Who the task's commands run as: the become user, or null for the login user. */
    private static String becomeUser(Task task, BlockScope scope, Map<String, Object> vars) {
        BecomeSpec b = task.options().become().over(scope.become());
        Boolean enabled = b.enabled();
        if (enabled == null && vars.get("ansible_become") != null) {
            enabled = ArgBinder.toBool(vars.get("ansible_become"));
        }
        if (enabled == null || !enabled) {
            return null;
        }
        return b.user() != null
                ? b.user()
                : vars.get("ansible_become_user") != null
                        ? String.valueOf(vars.get("ansible_become_user"))
                        : "root";
    }

    private Remote become(String user, Map<String, Object> vars, Remote remote) {
        if (user == null) {
            return remote;
        }
        for (String name : BECOME_PASSWORD_VARS) {
            if (vars.get(name) != null) {
                return run.connector()
                        .become(remote, user, String.valueOf(vars.get(name)).toCharArray());
            }
        }
        return run.connector().become(remote, user);
    }

    private List<Path> templateRoots(Task task, PlayContext play) {
        List<Path> roots = new ArrayList<>();
        if (task.role() != null) {
            roots.add(task.role().dir().resolve("templates"));
        }
        Path base = play.play().baseDir();
        roots.add(base);
        roots.add(base.resolve("templates"));
        roots.add(run.options().projectTemplates());
        return roots;
    }

    private static void register(Task task, HostState host, Map<String, Object> registered) {
        if (task.options().register() != null) {
            host.registered.put(task.options().register(), registered);
        }
    }

    private static TaskResult toResult(HostState host, Attempt a, long start, Object item) {
        return new TaskResult(
                host.name,
                a.status(),
                a.msg(),
                a.data(),
                a.diff(),
                since(start),
                false,
                List.of(),
                item);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
