package io.ringmaster.connection;

import io.ringmaster.module.api.Remote;

/**
 * One open connection to one host, kept for the whole run: every command on its own channel.
 * Implementations are safe for use by one task at a time per host (the executor never runs two tasks on a host
 * at once).
 */
public interface Connection extends Remote, AutoCloseable {

    /** The host this connection reaches, as named in the inventory. */
    String host();

    @Override
    void close();
}
