package io.ringmaster.module.api;

import java.time.Duration;

/**
 * The host as a module sees it: commands and file uploads over the run's one connection to it.
 * {@code become} is applied by the engine: a module never writes {@code sudo} itself.
 */
public interface Remote {

    /**
     * Runs {@code command} with {@code /bin/sh -c} on the host; {@code stdin} may be null.
     *
     * @throws HostUnreachableException when the connection fails or drops
     */
    ExecResult exec(String command, byte[] stdin, Duration timeout)
            throws HostUnreachableException, InterruptedException;

    default ExecResult exec(String command) throws HostUnreachableException, InterruptedException {
        return exec(command, null, Duration.ofMinutes(10));
    }

    /**
     * Writes {@code content} to {@code path} atomically: to a temporary file in the same directory, then a rename.
     * {@code mode} is an octal string such as {@code 0644} or null to keep the default.
     */
    void upload(byte[] content, String path, String mode) throws HostUnreachableException, InterruptedException;

    /** True when commands run on the control machine itself (the local connection). */
    boolean isLocal();

    /**
     * Drops the host's connection and opens a new one, retrying until {@code timeout} (after a reboot): the
     * returned Remote, and every later task on the host, use the new connection. A connection that cannot be
     * reopened (the local one) returns itself.
     *
     * @throws HostUnreachableException when no new connection could be opened in time
     */
    default Remote reconnect(Duration timeout) throws HostUnreachableException, InterruptedException {
        return this;
    }
}
