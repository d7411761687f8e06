package io.ringmaster.executor;

import io.ringmaster.event.HostStats;
import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunListener;
import io.ringmaster.expr.Templar;
import io.ringmaster.inventory.Inventory;
import io.ringmaster.playbook.Play;
import io.ringmaster.playbook.Playbook;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor's entry point: runs validated playbooks against an inventory and reports every step
 * as events. One thread pool of {@code forks} threads serves the whole run.
 */
public final class PlaybookRunner {
    private final Inventory inventory;
    private final ModuleRegistry registry;
    private final HostConnector connector;
    private final RunListener listener;
    private final RunOptions options;

    /**
     * Set once the run's end (its recap and reports) was reported, by the run itself or by {@link
     * #finishNow}.
     */
    private final AtomicBoolean finished = new AtomicBoolean();

    private volatile RunContext current;
    private volatile long started;

    public PlaybookRunner(
            Inventory inventory,
            ModuleRegistry registry,
            HostConnector connector,
            RunListener listener,
            RunOptions options) {
        this.inventory = inventory;
        this.registry = registry;
        this.connector = connector;
        this.listener = listener;
        this.options = options;
    }

    /**
     * Runs the playbooks in order. {@code stop} is set by Ctrl-C: no new task starts, running ones
     * finish, the recap is still reported.
     */
    public RunOutcome run(List<Playbook> playbooks, AtomicBoolean stop)
            throws InterruptedException {
        started = System.nanoTime();
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.max(1, options.forks()), daemonThreads());
        RunContext run =
                new RunContext(
                        inventory,
                        registry,
                        new Templar(),
                        connector,
                        listener,
                        options,
                        pool,
                        stop,
                        null);
        current = run;
        boolean error = false;
        StartAt startAt = new StartAt(options.startAtTask());
        try {
            outer:
            for (Playbook playbook : playbooks) {
                listener.on(
                        new RunEvent.PlaybookStarted(
                                playbook.file(), options.checkMode(), options.diffMode()));
                for (Play play : playbook.plays()) {
                    boolean goOn;
                    try {
                        goOn = new PlayRunner(run, startAt).run(play);
                    } catch (PlayRunner.PlayError | io.ringmaster.error.UserError e) {
                        listener.on(new RunEvent.Notice("ERROR! " + e.getMessage()));
                        error = true;
                        goOn = false;
                    }
                    if (!goOn || stop.get()) {
                        break outer;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
        Map<String, HostStats> stats = stats(run);
        boolean interrupted = stop.get() || finished.get();
        if (finished.compareAndSet(false, true)) {
            listener.on(
                    new RunEvent.RunFinished(
                            stats, Duration.ofNanos(System.nanoTime() - started), interrupted));
        }
        return new RunOutcome(stats, interrupted, error);
    }

    /**
     * Ends the run at once (a second Ctrl-C, SIGTERM, SIGHUP): reports what was done so far as an
     * interrupted run, so the recap prints and the reports are written, unless the run already
     * reported its end. Called from a signal thread; the caller exits the JVM after it.
     *
     * @return the recap reported, or null when the run had already reported its end
     */
    public Map<String, HostStats> finishNow() {
        RunContext run = current;
        if (!finished.compareAndSet(false, true)) {
            return null;
        }
        Map<String, HostStats> stats = run == null ? Map.of() : stats(run);
        listener.on(
                new RunEvent.RunFinished(
                        stats, Duration.ofNanos(System.nanoTime() - started), true));
        return stats;
    }

    private Map<String, HostStats> stats(RunContext run) {
        Map<String, HostStats> stats = new LinkedHashMap<>();
        inventory
                .hosts()
                .forEach(
                        h -> {
                            if (run.hosts().containsKey(h.name())) {
                                stats.put(h.name(), run.hosts().get(h.name()).stats());
                            }
                        });
        run.hosts().forEach((name, state) -> stats.putIfAbsent(name, state.stats()));
        return stats;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ringmaster-fork-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
