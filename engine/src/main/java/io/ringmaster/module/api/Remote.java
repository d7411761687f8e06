package io.ringmaster.module.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The host as a module sees it: commands and file uploads over the run's one connection to it.
 * {@code become} is applied by the engine: a module never writes {@code sudo} itself.
 *
 * <p>Every remote step is bounded. A command that outlives its timeout is killed on the host with
 * its whole process group, and its result says so ({@link ExecResult#timedOut()}). A module bounds
 * its own steps with {@link #stepTimeout()}: the task's {@code timeout:} keyword when the task set
 * one, else {@link #DEFAULT_STEP_TIMEOUT}; a task's {@code timeout:} also caps every explicit
 * timeout a module passes.
 */
public interface Remote {

    /** The bound of one remote step of a module when the task sets no {@code timeout:}. */
    Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Runs {@code command} with {@code /bin/sh -c} on the host; {@code stdin} may be null. After
     * {@code timeout} the command and every process of its group on the host are killed and the
     * result is {@link ExecResult#timedOut()}.
     *
     * @throws HostUnreachableException when the connection fails or drops
     */
    ExecResult exec(String command, byte[] stdin, Duration timeout)
            throws HostUnreachableException, InterruptedException;

    /** {@link #exec(String, byte[], Duration)} bounded by {@link #stepTimeout()}. */
    default ExecResult exec(String command) throws HostUnreachableException, InterruptedException {
        return exec(command, null, stepTimeout());
    }

    /**
     * Writes {@code content} to {@code path} atomically: to a temporary file in the same directory,
     * checked on the host against the length and SHA-256 of {@code content}, then renamed over
     * {@code path}. Anything else (a dropped connection, a killed controller, a full disk) leaves
     * the old file as it was and removes the temporary one. An existing file keeps its owner and
     * group. {@code mode} is an octal string such as {@code 0644} or null to keep the default.
     */
    void upload(byte[] content, String path, String mode)
            throws HostUnreachableException, InterruptedException;

    /** True when commands run on the control machine itself (the local connection). */
    boolean isLocal();

    /** The task's own {@code timeout:} for each remote step, when it set one. */
    default Optional<Duration> taskTimeout() {
        return Optional.empty();
    }

    /**
     * The bound for one remote step of a module: the task's {@code timeout:}, else {@link
     * #DEFAULT_STEP_TIMEOUT}.
     */
    default Duration stepTimeout() {
        return taskTimeout().orElse(DEFAULT_STEP_TIMEOUT);
    }

    /**
     * Takes an exclusive lock on the host ({@code flock} on {@code lockFile}, created if missing),
     * waiting at most {@code wait} for another holder to let go. The lock is held until the
     * returned handle is closed, or until the connection ends (a killed controller releases it).
     * The lock file keeps a line naming the holder.
     *
     * @throws HostLock.Busy when another run still holds it after {@code wait}; its message names
     *     the holder
     */
    default HostLock lock(String lockFile, Duration wait)
            throws HostUnreachableException, InterruptedException, HostLock.Busy {
        throw new UnsupportedOperationException("this connection cannot take host locks");
    }

    /**
     * The read-aheads of later tasks this task may run inside its own exec (only setup's fact
     * gathering is given any); hand each result back with {@link #readAheadDone}.
     */
    default java.util.List<ReadAhead> readAheads() {
        return java.util.List.of();
    }

    /** What one of {@link #readAheads()} printed: {@code result} of the exec that carried it. */
    default void readAheadDone(ReadAhead read, ExecResult result) {}

    /**
     * The read-aheads run for this task, with their results, when nothing ran on the host since;
     * each is given once (a retry reads again).
     */
    default java.util.List<ReadAhead.Done> takeReadAheads() {
        return java.util.List.of();
    }

    /** This remote with every step bounded by {@code timeout} (a task's {@code timeout:}). */
    static Remote bounded(Remote remote, Duration timeout) {
        return new BoundedRemote(remote, timeout);
    }

    /**
     * Drops the host's connection and opens a new one, retrying until {@code timeout} (after a
     * reboot): the returned Remote, and every later task on the host, use the new connection. A
     * connection that cannot be reopened (the local one) returns itself.
     *
     * @throws HostUnreachableException when no new connection could be opened in time
     */
    default Remote reconnect(Duration timeout)
            throws HostUnreachableException, InterruptedException {
        return this;
    }
}
