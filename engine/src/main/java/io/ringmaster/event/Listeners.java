package io.ringmaster.event;

import java.util.List;

/** Fans events out to several listeners, one event at a time, in order. */
public final class Listeners implements RunListener {
    private final List<RunListener> listeners;

    public Listeners(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public synchronized void on(RunEvent event) {
        for (RunListener l : listeners) {
            l.on(event);
        }
    }
}
