package io.ringmaster.module.api;

/** An exclusive lock held on a host (see {@link Remote#lock}); closing it lets the next run in. */
public interface HostLock extends AutoCloseable {

    /** The lock file on the host. */
    String path();

    /** Releases the lock; never throws (a dropped connection has released it already). */
    @Override
    void close();

    /**
     * Another run held the lock for longer than the wait; the message says who and how to proceed.
     */
    final class Busy extends Exception {
        private static final long serialVersionUID = 1L;

        public Busy(String message) {
            super(message);
        }
    }
}
