package io.ringmaster.report;

import io.ringmaster.event.HostStats;
import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunEvent.HostDone;
import io.ringmaster.event.RunEvent.Notice;
import io.ringmaster.event.RunEvent.PlayStarted;
import io.ringmaster.event.RunEvent.PlaybookStarted;
import io.ringmaster.event.RunEvent.RunFinished;
import io.ringmaster.event.RunEvent.TaskStarted;
import io.ringmaster.event.RunEvent.Warning;
import io.ringmaster.event.RunListener;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted run of two plays: facts, a role task with a loop, a failure with ignore_errors, an
 * unreachable host, a diff, a warning, a handler, a debug task and a notice.
 */
final class ScriptedRun {
    static final String DIFF =
            "--- before: /etc/motd\n+++ after: /etc/motd\n@@ -1 +1 @@\n-old\n+new\n";

    private ScriptedRun() {}

    static List<RunEvent> events() {
        return List.of(
                new PlaybookStarted(Path.of("site.yml"), false, true),
                new PlayStarted("webservers", List.of("lab1", "lab2", "lab3", "lab4")),
                new TaskStarted("Gathering Facts", "setup", null, "site.yml:1", false),
                done(
                        "Gathering Facts",
                        "setup",
                        null,
                        result("lab1", Status.OK, "", Map.of(), 0.5)),
                done(
                        "Gathering Facts",
                        "setup",
                        null,
                        result("lab2", Status.OK, "", Map.of(), 0.25)),
                new TaskStarted(
                        "install thing",
                        "package",
                        "common",
                        "roles/common/tasks/main.yml:3",
                        false),
                done(
                        "install thing",
                        "package",
                        "common",
                        new TaskResult(
                                "lab1",
                                Status.CHANGED,
                                "",
                                Map.of(),
                                null,
                                Duration.ofMillis(1500),
                                false,
                                List.of(
                                        item("lab1", Status.CHANGED, "a"),
                                        item("lab1", Status.OK, Map.of("name", "b"))),
                                null)),
                done(
                        "install thing",
                        "package",
                        "common",
                        result("lab2", Status.SKIPPED, "", Map.of(), 0)),
                done(
                        "install thing",
                        "package",
                        "common",
                        new TaskResult(
                                "lab3",
                                Status.FAILED,
                                "non-zero return code",
                                ordered("rc", 2, "stdout", "", "stderr", "boom"),
                                null,
                                Duration.ofMillis(20),
                                true,
                                List.of(),
                                null)),
                done(
                        "install thing",
                        "package",
                        "common",
                        result(
                                "lab4",
                                Status.UNREACHABLE,
                                "Failed to connect to the host via ssh",
                                Map.of(),
                                10)),
                new TaskStarted("write motd", "template", null, "site.yml:9", false),
                done(
                        "write motd",
                        "template",
                        null,
                        new TaskResult(
                                "lab1",
                                Status.CHANGED,
                                "",
                                Map.of(),
                                DIFF,
                                Duration.ofMillis(30),
                                false,
                                List.of(),
                                null)),
                new Warning("Could not match supplied host pattern, ignoring: nosuch"),
                new TaskStarted("restart", "service", null, "site.yml:14", true),
                done("restart", "service", null, result("lab1", Status.CHANGED, "", Map.of(), 1)),
                new PlayStarted("dbservers", List.of("db1")),
                new TaskStarted("say hello", "debug", null, "site.yml:20", false),
                done("say hello", "debug", null, result("db1", Status.OK, "hello", Map.of(), 0)),
                new Notice("Interrupted: stopping after the current task"),
                new RunFinished(stats(), Duration.ofSeconds(4), true));
    }

    static Map<String, HostStats> stats() {
        Map<String, HostStats> s = new LinkedHashMap<>();
        s.put("lab1", HostStats.ZERO.withOk(4).withChanged(3));
        s.put("lab2", HostStats.ZERO.withOk(1).withSkipped(1));
        s.put("lab3", HostStats.ZERO.withIgnored(1));
        s.put("lab4", HostStats.ZERO.withUnreachable(1));
        s.put("db1", HostStats.ZERO.withOk(1));
        return s;
    }

    static void play(RunListener listener, List<RunEvent> events) {
        events.forEach(listener::on);
    }

    static HostDone done(String task, String module, String role, TaskResult r) {
        return new HostDone(task, module, role, r);
    }

    static TaskResult result(
            String host, Status status, String msg, Map<String, Object> data, double seconds) {
        return new TaskResult(
                host,
                status,
                msg,
                data,
                null,
                Duration.ofMillis((long) (seconds * 1000)),
                false,
                List.of(),
                null);
    }

    static TaskResult item(String host, Status status, Object item) {
        return new TaskResult(
                host, status, "", Map.of(), null, Duration.ofMillis(5), false, List.of(), item);
    }

    /** A map in the given key order. */
    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
