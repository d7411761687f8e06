package io.ringmaster.event;

/**
 * Receives the run's events. The executor calls listeners from many threads, but never two at once:
 * delivery is serialised by {@link Listeners}. Every report (console, JSON, JUnit) is one listener.
 */
public interface RunListener {
    void on(RunEvent event);
}
