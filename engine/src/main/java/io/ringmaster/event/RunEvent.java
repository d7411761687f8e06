package io.ringmaster.event;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What happens during a run, in order. Reports are built from these alone. */
public sealed interface RunEvent {

    /** A playbook begins. {@code checkMode}/{@code diffMode} reflect the command line. */
    record PlaybookStarted(Path file, boolean checkMode, boolean diffMode) implements RunEvent {}

    /** A play begins on {@code hosts} (after --limit). */
    record PlayStarted(String name, List<String> hosts) implements RunEvent {}

    /**
     * A task (or handler) begins. {@code path} is "file:line" of the task; {@code role} may be
     * null.
     */
    record TaskStarted(String name, String module, String role, String path, boolean handler)
            implements RunEvent {}

    /** A task finished on one host. */
    record HostDone(String task, String module, String role, TaskResult result)
            implements RunEvent {}

    /**
     * An until loop runs the task again on {@code host}; {@code retriesLeft} as Ansible counts
     * them.
     */
    record Retrying(String task, String module, String host, int retriesLeft) implements RunEvent {}

    /**
     * {@code host} failed inside a block and its {@code rescue} now runs: that failure is rescued,
     * not a failure.
     */
    record Rescued(String host) implements RunEvent {}

    /**
     * Something the user should know that is not a task result (a pattern matching no host, ...).
     */
    record Warning(String message) implements RunEvent {}

    /**
     * Stopping early: interrupted, max_fail_percentage exceeded, any_errors_fatal, no hosts left.
     */
    record Notice(String message) implements RunEvent {}

    /** The run ended; stats per host in inventory order. */
    record RunFinished(Map<String, HostStats> stats, Duration duration, boolean interrupted)
            implements RunEvent {}
}
