package io.ringmaster.connection;

import io.ringmaster.module.api.Remote;

/**
 * A remote that adds behaviour around another one; {@link #underlying} finds the connection
 * beneath.
 */
public interface Delegating {
    Remote delegate();

    /** The innermost remote below any number of delegating wrappers. */
    static Remote underlying(Remote remote) {
        Remote r = remote;
        while (r instanceof Delegating d) {
            r = d.delegate();
        }
        return r;
    }
}
