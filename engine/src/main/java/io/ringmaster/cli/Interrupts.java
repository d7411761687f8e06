package io.ringmaster.cli;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
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
        AtomicBoolean seen = new AtomicBoolean();
        boolean intIgnored =
                handle(
                        "INT",
                        () -> {
                            if (seen.getAndSet(true)) {
                                notice.accept(
                                        "interrupted again (Ctrl-C): stopping now; tasks still running on hosts are "
                                                + "abandoned");
                                endNow.run();
                            }
                            notice.accept(
                                    "interrupted (Ctrl-C): no new task starts; running tasks finish; Ctrl-C again to "
                                            + "stop now");
                            stopDispatching.run();
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
                    () -> {
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
     * Installs {@code onSignal} for the signal {@code name}; true when the signal was ignored at
     * start, so the JVM left it ignored. JDK's sun.misc.Signal (jdk.unsupported) is reached by
     * reflection: javac warns on every direct use of it and no switch silences that, which would
     * break the build's -Werror.
     */
    private static boolean handle(String name, Runnable onSignal) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler =
                    Proxy.newProxyInstance(
                            handlerType.getClassLoader(),
                            new Class<?>[] {handlerType},
                            (proxy, method, args) ->
                                    switch (method.getName()) {
                                        case "handle" -> {
                                            onSignal.run();
                                            yield null;
                                        }
                                        case "hashCode" -> System.identityHashCode(proxy);
                                        case "equals" -> proxy == args[0];
                                        default -> "ringmaster SIG" + name + " handler";
                                    });
            Object previous =
                    signal.getMethod("handle", signal, handlerType)
                            .invoke(
                                    null,
                                    signal.getConstructor(String.class).newInstance(name),
                                    handler);
            return previous == handlerType.getField("SIG_IGN").get(null);
        } catch (ReflectiveOperationException
                | IllegalArgumentException
                | UnsupportedOperationException
                | LinkageError e) {
            // No signal API, or the signal is the JVM's: it ends the JVM as usual.
            return false;
        }
    }
}
