package io.ringmaster.report;

import io.ringmaster.event.HostStats;
import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunListener;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the whole run as one JSON document when it finishes:
 *
 * <pre>{@code
 * {"playbook": "site.yml", "check_mode": false, "diff_mode": false,
 *  "plays": [{"name": "web", "hosts": ["lab1"],
 *             "tasks": [{"name": "..", "module": "..", "role": null, "path": "site.yml:7", "handler": false,
 *                        "hosts": {"lab1": {"status": "changed", "changed": true, "failed": false, "skipped": false,
 *                                           "unreachable": false, "ignored": false, "msg": "", "diff": null,
 *                                           "duration_ms": 12, "data": {..}, "items": [..]}}}]}],
 *  "stats": {"lab1": {"ok": 1, "changed": 1, "unreachable": 0, "failed": 0, "skipped": 0, "rescued": 0,
 *                     "ignored": 0}},
 *  "duration_ms": 5012, "interrupted": false}
 * }</pre>
 *
 * Loop items carry the same fields plus {@code item}. The file is replaced atomically, so a CI job
 * never reads half of it; a failure to write it is thrown as {@link java.io.UncheckedIOException}.
 */
public final class JsonReporter implements RunListener {
    private final Path file;
    private final RunCollector collector = new RunCollector();

    /**
     * @param file where to write the report (parent directories are created)
     */
    public JsonReporter(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public void on(RunEvent event) {
        RunLog run = collector.accept(event);
        if (run != null) {
            AtomicFile.write(file, Json.indented(document(run), 2) + "\n");
        }
    }

    /** The report's JSON tree. */
    static Map<String, Object> document(RunLog run) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("playbook", run.playbooks().isEmpty() ? null : run.playbooks().get(0));
        doc.put("playbooks", run.playbooks());
        doc.put("check_mode", run.checkMode());
        doc.put("diff_mode", run.diffMode());
        doc.put("plays", run.plays().stream().map(JsonReporter::play).toList());
        Map<String, Object> stats = new LinkedHashMap<>();
        run.stats().forEach((host, s) -> stats.put(host, stats(s)));
        doc.put("stats", stats);
        doc.put("duration_ms", millis(run.duration()));
        doc.put("interrupted", run.interrupted());
        return doc;
    }

    private static Map<String, Object> play(RunLog.Play p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("hosts", p.hosts());
        m.put("tasks", p.tasks().stream().map(JsonReporter::task).toList());
        return m;
    }

    private static Map<String, Object> task(RunLog.Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("module", t.module());
        m.put("role", t.role());
        m.put("path", t.path());
        m.put("handler", t.handler());
        Map<String, Object> hosts = new LinkedHashMap<>();
        for (TaskResult r : t.results()) {
            hosts.put(r.host(), result(r, false));
        }
        m.put("hosts", hosts);
        return m;
    }

    private static Map<String, Object> result(TaskResult r, boolean isItem) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (isItem) {
            m.put("item", r.item());
        }
        m.put("status", r.status().name().toLowerCase(Locale.ROOT));
        m.put("changed", r.changed());
        m.put("failed", r.status() == Status.FAILED);
        m.put("skipped", r.status() == Status.SKIPPED);
        m.put("unreachable", r.status() == Status.UNREACHABLE);
        m.put("ignored", r.ignored());
        m.put("msg", r.msg());
        m.put("diff", r.diff());
        m.put("duration_ms", millis(r.duration()));
        m.put("data", r.data());
        if (!isItem) {
            m.put("items", r.items().stream().map(i -> result(i, true)).toList());
        }
        return m;
    }

    private static Map<String, Object> stats(HostStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", s.ok());
        m.put("changed", s.changed());
        m.put("unreachable", s.unreachable());
        m.put("failed", s.failed());
        m.put("skipped", s.skipped());
        m.put("rescued", s.rescued());
        m.put("ignored", s.ignored());
        return m;
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }
}
