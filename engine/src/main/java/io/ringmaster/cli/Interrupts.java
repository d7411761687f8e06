package io.ringmaster.cli;

import java.util.function.Consumer;

/**
 * Interruptions, each reported and ending with exit 99. The first Ctrl-C (SIGINT) stops
 * dispatching: running tasks finish, the recap prints and the reports are written. A second Ctrl-C,
 * SIGTERM or SIGHUP ends the run at once, still printing the recap of what was done and writing the
 * reports. Uses the JDK's signal API where present, so the JVM does not start shutting down under
 * the run.
 *
 * <p>The JVM leaves a signal alone that was ignored when it started ({@code nohup} for SIGHUP;
 * SIGINT for a job started in the background of a non-interactive shell): the {@code ringmaster}
 * launcher restores SIGINT's default first so such a run still reacts to {@code kill -INT}.
 */
final class Interrupts {
    private Interrupts() {}

    /**
     * @param stopDispatching the first Ctrl-C: no new task starts
     * @param finishNow reports the run's end now (recap, reports); the JVM exits 99 after it
     * @param notice tells the user what the signal does
     */
    static void install(Runnable stopDispatching, Runnable finishNow, Consumer<String> notice) {
        Runnable endNow =
                () -> {
                    try {
                        finishNow.run();
                    } finally {
                        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                    }
                };
        boolean intIgnored =
                handle(
                        "INT",
                        new sun.misc.SignalHandler() {
                            private volatile boolean seen;

                            @Override
                            public void handle(sun.misc.Signal sig) {
                                if (seen) {
                                    notice.accept(
                                            "interrupted again (Ctrl-C): stopping now; tasks still running on hosts are "
                                                    + "abandoned");
                                    endNow.run();
                                }
                                seen = true;
                                notice.accept(
                                        "interrupted (Ctrl-C): no new task starts; running tasks finish; Ctrl-C again to "
                                                + "stop now");
                                stopDispatching.run();
                            }
                        });
        if (intIgnored) {
            notice.accept(
                    "note: this run ignores Ctrl-C (SIGINT), as a job started in the background of a script "
                            + "does; stop it with SIGTERM (recap and reports are still written), or start it with the "
                            + "ringmaster launcher, which restores SIGINT");
        }
        for (String name : new String[] {"TERM", "HUP"}) {
            handle(
                    name,
                    sig -> {
                        notice.accept(
                                "interrupted (SIG"
                                        + name
                                        + "): stopping now; tasks still running on hosts are "
                                        + "abandoned");
                        stopDispatching.run();
                        endNow.run();
                    });
        }
    }

    /**
     * Installs the handler; true when the signal was ignored at start, so the JVM left it ignored.
     */
    private static boolean handle(String name, sun.misc.SignalHandler handler) {
        try {
            return sun.misc.Signal.handle(new sun.misc.Signal(name), handler)
                    == sun.misc.SignalHandler.SIG_IGN;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // No signal API, or the signal is the JVM's: it ends the JVM as usual.
            return false;
        }
    }
}
