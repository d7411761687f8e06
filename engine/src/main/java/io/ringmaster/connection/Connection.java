package io.ringmaster.connection;

import io.ringmaster.module.api.HostLock;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Remote;

/**
 * One open connection to one host, kept for the whole run: every command on its own channel.
 * Implementations are safe for use by one task at a time per host (the executor never runs two
 * tasks on a host at once).
 */
public interface Connection extends Remote, AutoCloseable {

    /** The host this connection reaches, as named in the inventory. */
    String host();

    /**
     * Starts a lock-holding command ({@link HostLocks#script}) with its stdin and stdout kept open.
     */
    HostLocks.Channel openHolder(String command)
            throws java.io.IOException, HostUnreachableException;

    @Override
    default HostLock lock(String lockFile, java.time.Duration wait)
            throws HostUnreachableException, InterruptedException, HostLock.Busy {
        return HostLocks.take(this::openHolder, host(), lockFile, wait);
    }

    @Override
    void close();
}
