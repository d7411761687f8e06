package io.ringmaster.cli;

import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunListener;

/**
 * Passes events on until the run's end was reported, then drops the rest: when a signal ends a run
 * early, a task finishing a moment later must not print under the recap or change a report already
 * written.
 */
final class FinishOnce implements RunListener {
    private final RunListener next;
    private boolean finished;

    FinishOnce(RunListener next) {
        this.next = next;
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (finished) {
            return;
        }
        finished = event instanceof RunEvent.RunFinished;
        next.on(event);
    }
}
