package io.ringmaster.connection;

import io.ringmaster.module.api.HostUnreachableException;

/**
 * Opens connections of one kind ({@code local}, {@code ssh}). One instance serves the whole run.
 */
public interface Transport extends AutoCloseable {

    /** The {@code ansible_connection} value this transport serves. */
    String name();

    /** Opens the connection for {@code target}; a failure makes the host unreachable. */
    Connection open(ConnectionTarget target) throws HostUnreachableException, InterruptedException;

    @Override
    default void close() {}
}
