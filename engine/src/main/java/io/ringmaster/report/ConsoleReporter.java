package io.ringmaster.report;

import io.ringmaster.event.HostStats;
import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunEvent.HostDone;
import io.ringmaster.event.RunEvent.PlayStarted;
import io.ringmaster.event.RunEvent.PlaybookStarted;
import io.ringmaster.event.RunEvent.RunFinished;
import io.ringmaster.event.RunEvent.TaskStarted;
import io.ringmaster.event.RunListener;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The screen output of ansible-playbook's {@code default} callback: {@code PLAY [..]} and {@code
 * TASK [..]} banners, one line per host ({@code ok:}, {@code changed:}, {@code skipping:}, {@code
 * fatal: ... FAILED! => {..}}), one line per loop item, diffs under {@code --diff}, warnings, and
 * the {@code PLAY RECAP}.
 *
 * <p>As in Ansible, a diff is printed <em>before</em> the status line of its result, and the recap
 * lists hosts in sorted order. Not thread-safe by itself: use it behind {@link
 * io.ringmaster.event.Listeners}.
 */
public final class ConsoleReporter implements RunListener {
    private static final int HOST_WIDTH = 26;

    private final PrintStream out;
    private final boolean color;
    private final int verbosity;

    /** Tasks of the current play by role and name, to repeat a banner when results interleave. */
    private final Map<String, TaskStarted> tasks = new HashMap<>();

    private final Set<String> warned = new HashSet<>();
    private TaskStarted bannered;

    /**
     * @param out where to print; flushed after every event
     * @param color use ANSI colours (the CLI decides: a terminal, and NO_COLOR unset)
     * @param verbosity the number of {@code -v}: 1 shows result data, 2 task paths, 3 indented JSON
     */
    public ConsoleReporter(PrintStream out, boolean color, int verbosity) {
        this.out = Objects.requireNonNull(out, "out");
        this.color = color;
        this.verbosity = verbosity;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof PlaybookStarted e) {
            if (verbosity > 1 && e.file() != null) {
                emit(ConsoleText.banner("PLAYBOOK: " + e.file().getFileName()), null);
            }
        } else if (event instanceof PlayStarted e) {
            tasks.clear();
            bannered = null;
            String name = e.name() == null ? "" : e.name().strip();
            emit(ConsoleText.banner(name.isEmpty() ? "PLAY" : "PLAY [" + name + "]"), null);
        } else if (event instanceof TaskStarted e) {
            tasks.put(key(e.role(), e.name()), e);
            banner(e);
        } else if (event instanceof HostDone e) {
            hostDone(e);
        } else if (event instanceof RunEvent.Retrying e) {
            emit(
                    "FAILED - RETRYING: ["
                            + e.host()
                            + "]: "
                            + displayName(e.task(), e.module(), null)
                            + " ("
                            + e.retriesLeft()
                            + " retries left).",
                    Ansi.DEBUG);
        } else if (event instanceof RunEvent.Warning e) {
            warning(e.message());
        } else if (event instanceof RunEvent.Notice e) {
            emit(e.message(), null);
        } else if (event instanceof RunFinished e) {
            recap(e.stats());
            if (e.interrupted()) {
                emit(
                        "INTERRUPTED: the run was stopped before it finished; the recap shows what was done, later "
                                + "tasks did not run",
                        Ansi.ERROR);
            }
        }
        out.flush();
    }

    private void banner(TaskStarted t) {
        String prefix = t.handler() ? "RUNNING HANDLER" : "TASK";
        emit(
                ConsoleText.banner(
                        prefix + " [" + displayName(t.name(), t.module(), t.role()) + "]"),
                null);
        if (verbosity >= 2 && t.path() != null && !t.path().isBlank()) {
            emit("task path: " + t.path(), Ansi.DEBUG);
        }
        bannered = t;
    }

    /** Ansible's task name: {@code role : name}, or the module when the task has no name. */
    static String displayName(String name, String module, String role) {
        String n = name == null || name.isBlank() ? Objects.toString(module, "") : name.strip();
        return role == null || role.isBlank() ? n : role + " : " + n;
    }

    private void hostDone(HostDone e) {
        if (bannered == null
                || !key(bannered.role(), bannered.name()).equals(key(e.role(), e.task()))) {
            banner(
                    tasks.getOrDefault(
                            key(e.role(), e.task()),
                            new TaskStarted(e.task(), e.module(), e.role(), null, false)));
        }
        TaskResult r = e.result();
        boolean debug = isDebug(e.module());
        String host = "[" + r.host() + "]";
        if (debug && r.data().get("verbosity") instanceof Number n && n.intValue() > verbosity) {
            emit("skipping: " + host, Ansi.SKIP);
            return;
        }
        if (!r.items().isEmpty()) {
            for (TaskResult item : r.items()) {
                item(host, item, debug, e.module());
            }
            if (r.status() == Status.UNREACHABLE) {
                emit("fatal: " + host + ": UNREACHABLE! => " + dump(r, false), Ansi.UNREACHABLE);
            }
        } else {
            switch (r.status()) {
                case OK, CHANGED -> {
                    diff(r);
                    String line = (r.changed() ? "changed: " : "ok: ") + host;
                    if (verbosity > 0 || debug) {
                        line += " => " + dump(r, debug);
                    } else if (loudAssert(e.module(), r)) {
                        line += " => " + assertDump(r);
                    }
                    emit(line, r.changed() ? Ansi.CHANGED : Ansi.OK);
                }
                case SKIPPED ->
                        emit(
                                "skipping: "
                                        + host
                                        + (verbosity > 0 ? " => " + dump(r, false) : ""),
                                Ansi.SKIP);
                case FAILED ->
                        emit("fatal: " + host + ": FAILED! => " + dump(r, false), Ansi.ERROR);
                case UNREACHABLE ->
                        emit(
                                "fatal: " + host + ": UNREACHABLE! => " + dump(r, false),
                                Ansi.UNREACHABLE);
            }
        }
        if (r.ignored() && (r.status() == Status.FAILED || r.status() == Status.UNREACHABLE)) {
            emit("...ignoring", Ansi.SKIP);
        }
        moduleWarnings(r);
        r.items().forEach(this::moduleWarnings);
    }

    /**
     * A module's {@code warnings} (a list of texts in its result) print as Ansible prints them,
     * after the result.
     */
    private void moduleWarnings(TaskResult r) {
        if (r.data().get("warnings") instanceof java.util.List<?> list) {
            list.forEach(w -> warning(String.valueOf(w)));
        }
    }

    private void item(String host, TaskResult item, boolean debug, String module) {
        String label = "(item=" + PyRepr.str(item.item()) + ")";
        switch (item.status()) {
            case OK, CHANGED -> {
                diff(item);
                String line = (item.changed() ? "changed: " : "ok: ") + host + " => " + label;
                if (verbosity > 0 || debug) {
                    line += " => " + dump(item, debug);
                } else if (loudAssert(module, item)) {
                    line += " => " + assertDump(item);
                }
                emit(line, item.changed() ? Ansi.CHANGED : Ansi.OK);
            }
            // The trailing space after the label is Ansible's.
            case SKIPPED ->
                    emit(
                            "skipping: "
                                    + host
                                    + " => "
                                    + label
                                    + " "
                                    + (verbosity > 0 ? " => " + dump(item, false) : ""),
                            Ansi.SKIP);
            case FAILED, UNREACHABLE ->
                    emit("failed: " + host + " " + label + " => " + dump(item, false), Ansi.ERROR);
        }
    }

    private String dump(TaskResult r, boolean debug) {
        Map<String, Object> view = ResultView.of(r, !debug);
        if (debug) {
            view.remove("verbosity");
        }
        return debug || verbosity > 2 ? Json.indented(view, 4) : Json.compact(view);
    }

    /**
     * A passing assert shows its message ("All assertions passed") as Ansible's does, unless it is
     * quiet.
     */
    private static boolean loudAssert(String module, TaskResult r) {
        return ("assert".equals(module)
                        || "ansible.builtin.assert".equals(module)
                        || "ansible.legacy.assert".equals(module))
                && r.status() == Status.OK
                && !r.msg().isEmpty()
                && !Boolean.TRUE.equals(r.data().get("quiet"));
    }

    private static String assertDump(TaskResult r) {
        Map<String, Object> view = ResultView.of(r, true);
        view.remove("quiet");
        return Json.indented(view, 4);
    }

    private static boolean isDebug(String module) {
        return "debug".equals(module)
                || "ansible.builtin.debug".equals(module)
                || "ansible.legacy.debug".equals(module);
    }

    /**
     * A changed result's diff, coloured by line, then a blank line (Ansible prints it before the
     * status line).
     */
    private void diff(TaskResult r) {
        if (r.diff() == null || r.diff().isBlank() || !r.changed()) {
            return;
        }
        String text =
                r.diff().endsWith("\n") ? r.diff().substring(0, r.diff().length() - 1) : r.diff();
        for (String line : text.split("\n", -1)) {
            Ansi c =
                    line.startsWith("+")
                            ? Ansi.DIFF_ADD
                            : line.startsWith("-")
                                    ? Ansi.DIFF_REMOVE
                                    : line.startsWith("@@") ? Ansi.DIFF_LINES : null;
            emit(line, c);
        }
        emit("", null);
    }

    /**
     * {@code [WARNING]: ...}, wrapped at 79 columns; each distinct warning is shown once, as
     * Ansible does.
     */
    private void warning(String message) {
        String text = "[WARNING]: " + message;
        if (warned.add(text)) {
            emit(String.join("\n", ConsoleText.wrap(text, ConsoleText.COLUMNS)), Ansi.WARN);
        }
    }

    private void recap(Map<String, HostStats> stats) {
        emit(ConsoleText.banner("PLAY RECAP"), null);
        for (Map.Entry<String, HostStats> e : new TreeMap<>(stats).entrySet()) {
            HostStats s = e.getValue();
            String host = e.getKey();
            String padding = " ".repeat(Math.max(0, HOST_WIDTH - host.length()));
            Ansi hostColor =
                    s.failed() != 0 || s.unreachable() != 0
                            ? Ansi.ERROR
                            : s.changed() != 0 ? Ansi.CHANGED : Ansi.OK;
            emit(
                    paint(host, hostColor)
                            + padding
                            + " : "
                            + String.join(
                                    " ",
                                    field("ok", s.ok(), Ansi.OK),
                                    field("changed", s.changed(), Ansi.CHANGED),
                                    field("unreachable", s.unreachable(), Ansi.UNREACHABLE),
                                    field("failed", s.failed(), Ansi.ERROR),
                                    field("skipped", s.skipped(), Ansi.SKIP),
                                    field("rescued", s.rescued(), Ansi.OK),
                                    field("ignored", s.ignored(), Ansi.WARN)),
                    null);
        }
        emit("", null);
    }

    /**
     * Ansible's {@code colorize}: {@code lead=N} padded to four digits, coloured only when
     * non-zero.
     */
    private String field(String lead, int n, Ansi c) {
        String s = lead + "=" + ConsoleText.padRight(Integer.toString(n), 4);
        return n != 0 ? paint(s, c) : s;
    }

    private String paint(String text, Ansi c) {
        return color && c != null ? c.paint(text) : text;
    }

    private void emit(String text, Ansi c) {
        out.print(paint(Visible.of(text), c));
        out.print('\n');
    }

    private static String key(String role, String name) {
        return Objects.toString(role, "") + '\0' + Objects.toString(name, "");
    }
}
