package io.ringmaster.cli;

/**
 * Ctrl-C: the first stops dispatching (running tasks finish, the recap prints, exit 99); a second one exits at
 * once. Uses the JDK's signal API where present, so the JVM does not start shutting down under the run.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onCtrlC(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), new sun.misc.SignalHandler() {
                private volatile boolean seen;

                @Override
                public void handle(sun.misc.Signal sig) {
                    if (seen) {
                        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                    }
                    seen = true;
                    action.run();
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // No signal API: Ctrl-C ends the JVM as usual.
        }
    }
}
