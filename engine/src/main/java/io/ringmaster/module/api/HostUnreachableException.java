package io.ringmaster.module.api;

/** The connection to a host failed or dropped: the engine marks the host unreachable. */
public class HostUnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    public HostUnreachableException(String message) {
        super(message);
    }

    public HostUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
