package io.ringmaster.report;

import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunListener;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes JUnit XML, as Jenkins and GitLab display it, when the run finishes: one {@code
 * <testsuite>} per play and one {@code <testcase classname="PLAY" name="TASK [host]">} per task and
 * host. A failure is a {@code <failure>} with the result as JSON, an unreachable host an {@code
 * <error>}, a skip {@code <skipped/>}; a failure that ignore_errors let pass is a passing test case
 * that says so in {@code <system-out>}. A result's stdout and stderr go to {@code <system-out>} and
 * {@code <system-err>}. The file is replaced atomically; a failure to write it is thrown as {@link
 * java.io.UncheckedIOException}.
 */
public final class JunitReporter implements RunListener {
    private final Path file;
    private final RunCollector collector = new RunCollector();

    /**
     * @param file where to write the report (parent directories are created)
     */
    private final java.util.Map<String, TaskResult> lastFailure =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.Set<TaskResult> rescued =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public JunitReporter(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (event instanceof RunEvent.HostDone d
                && d.result().status() == Status.FAILED
                && !d.result().ignored()) {
            lastFailure.put(d.result().host(), d.result());
        } else if (event instanceof RunEvent.Rescued r && lastFailure.containsKey(r.host())) {
            rescued.add(lastFailure.remove(r.host()));
        }
        RunLog run = collector.accept(event);
        if (run != null) {
            AtomicFile.write(file, xml(run));
        }
    }

    /** One test case: where it belongs and its result. */
    private record Case(String classname, String name, TaskResult result, boolean rescued) {
        boolean failure() {
            return result.status() == Status.FAILED && !result.ignored() && !rescued;
        }

        boolean error() {
            return result.status() == Status.UNREACHABLE && !result.ignored();
        }

        boolean skipped() {
            return result.status() == Status.SKIPPED;
        }
    }

    /** The counts of a suite or of the whole run. */
    private record Counts(int tests, int failures, int errors, int skipped, Duration time) {
        static Counts of(List<Case> cases) {
            Duration time = Duration.ZERO;
            for (Case c : cases) {
                time = time.plus(duration(c.result()));
            }
            return new Counts(
                    cases.size(),
                    (int) cases.stream().filter(Case::failure).count(),
                    (int) cases.stream().filter(Case::error).count(),
                    (int) cases.stream().filter(Case::skipped).count(),
                    time);
        }

        void write(XMLStreamWriter w) throws XMLStreamException {
            w.writeAttribute("tests", Integer.toString(tests));
            w.writeAttribute("failures", Integer.toString(failures));
            w.writeAttribute("errors", Integer.toString(errors));
            w.writeAttribute("skipped", Integer.toString(skipped));
            w.writeAttribute("time", seconds(time));
        }
    }

    /** The report's XML text. */
    private String xml(RunLog run) {
        List<List<Case>> suites = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (RunLog.Play play : run.plays()) {
            String suite = play.name().isBlank() ? String.join(",", play.hosts()) : play.name();
            List<Case> cases = new ArrayList<>();
            for (RunLog.Task task : play.tasks()) {
                String taskName =
                        ConsoleReporter.displayName(task.name(), task.module(), task.role());
                for (TaskResult r : task.results()) {
                    cases.add(new Case(suite, taskName + " [" + r.host() + "]", r, isRescued(r)));
                }
            }
            names.add(suite);
            suites.add(cases);
        }
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            if (run.playbook() != null) {
                w.writeAttribute("name", XmlText.clean(run.playbook()));
            }
            Counts.of(suites.stream().flatMap(List::stream).toList()).write(w);
            for (int i = 0; i < suites.size(); i++) {
                w.writeCharacters("\n  ");
                w.writeStartElement("testsuite");
                w.writeAttribute("name", XmlText.clean(names.get(i)));
                Counts.of(suites.get(i)).write(w);
                for (Case c : suites.get(i)) {
                    testcase(w, c);
                }
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
            if (run.interrupted()) {
                interrupted(w);
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** An interrupted run is an error for the CI server, not a shorter green run. */
    private static void interrupted(XMLStreamWriter w) throws XMLStreamException {
        w.writeCharacters("\n  ");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", "ringmaster");
        new Counts(1, 0, 1, 0, Duration.ZERO).write(w);
        w.writeCharacters("\n    ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", "ringmaster");
        w.writeAttribute("name", "run");
        w.writeEmptyElement("error");
        w.writeAttribute("message", "interrupted: the run was stopped before it finished");
        w.writeEndElement();
        w.writeCharacters("\n  ");
        w.writeEndElement();
    }

    private boolean isRescued(TaskResult r) {
        return rescued.contains(r);
    }

    private static void testcase(XMLStreamWriter w, Case c) throws XMLStreamException {
        TaskResult r = c.result();
        w.writeCharacters("\n    ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", XmlText.clean(c.classname()));
        w.writeAttribute("name", XmlText.clean(c.name()));
        w.writeAttribute("time", seconds(duration(r)));
        if (c.failure() || c.error()) {
            w.writeCharacters("\n      ");
            w.writeStartElement(c.failure() ? "failure" : "error");
            w.writeAttribute("message", XmlText.clean(r.msg()));
            w.writeAttribute("type", c.failure() ? "failed" : "unreachable");
            w.writeCharacters(XmlText.clean(details(r)));
            w.writeEndElement();
        } else if (c.skipped()) {
            w.writeCharacters("\n      ");
            w.writeEmptyElement("skipped");
            if (!r.msg().isEmpty()) {
                w.writeAttribute("message", XmlText.clean(r.msg()));
            }
        }
        String stdout = stream(r, "stdout");
        if (c.rescued()) {
            stdout = "...rescued: " + details(r) + (stdout.isEmpty() ? "" : "\n" + stdout);
        } else if (r.ignored() && r.status() != Status.OK && r.status() != Status.CHANGED) {
            stdout =
                    "...ignoring "
                            + r.status().name().toLowerCase(Locale.ROOT)
                            + ": "
                            + details(r)
                            + (stdout.isEmpty() ? "" : "\n" + stdout);
        }
        element(w, "system-out", stdout);
        element(w, "system-err", stream(r, "stderr"));
        w.writeCharacters("\n    ");
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String name, String text)
            throws XMLStreamException {
        if (!text.isEmpty()) {
            w.writeCharacters("\n      ");
            w.writeStartElement(name);
            w.writeCharacters(XmlText.clean(text));
            w.writeEndElement();
        }
    }

    /** The result as Ansible would print it, and for a loop each item's line. */
    private static String details(TaskResult r) {
        StringBuilder b = new StringBuilder(Json.indented(ResultView.of(r), 4));
        for (TaskResult item : r.items()) {
            b.append("\n")
                    .append(item.status().name().toLowerCase(Locale.ROOT))
                    .append(": (item=")
                    .append(PyRepr.str(item.item()))
                    .append(") => ")
                    .append(Json.compact(ResultView.of(item)));
        }
        return b.toString();
    }

    /** A text stream of the result (stdout, stderr), and of each loop item that has one. */
    private static String stream(TaskResult r, String key) {
        List<String> parts = new ArrayList<>();
        if (r.data().get(key) instanceof String s && !s.isEmpty()) {
            parts.add(s);
        }
        for (TaskResult item : r.items()) {
            if (item.data().get(key) instanceof String s && !s.isEmpty()) {
                parts.add("(item=" + PyRepr.str(item.item()) + ")\n" + s);
            }
        }
        return String.join("\n", parts);
    }

    private static Duration duration(TaskResult r) {
        return r.duration() == null ? Duration.ZERO : r.duration();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }
}
