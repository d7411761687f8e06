package io.ringmaster.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.event.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReporterTest {
    @TempDir Path dir;

    /** The value at a path of keys and list indexes. */
    private static Object at(Object json, Object... path) {
        Object v = json;
        for (Object p : path) {
            v = p instanceof Integer i ? ((List<?>) v).get(i) : ((Map<?, ?>) v).get(p);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(Object json, Object... path) {
        return (Map<String, Object>) at(json, path);
    }

    private static List<?> listAt(Object json, Object... path) {
        return (List<?>) at(json, path);
    }

    private Object runAndParse(List<RunEvent> events) throws Exception {
        Path file = dir.resolve("out/report.json");
        ScriptedRun.play(new JsonReporter(file), events);
        return JsonParser.parse(Files.readString(file));
    }

    @Test
    void writesNothingUntilTheRunFinishes() {
        Path file = dir.resolve("report.json");
        List<RunEvent> events = ScriptedRun.events();
        ScriptedRun.play(new JsonReporter(file), events.subList(0, events.size() - 1));

        assertThat(file).doesNotExist();
    }

    @Test
    void writesTheRunAsAJsonDocumentThatParsesBack() throws Exception {
        Object doc = runAndParse(ScriptedRun.events());

        assertThat(at(doc, "playbook").toString()).isEqualTo("site.yml");
        assertThat(at(doc, "check_mode")).isEqualTo(false);
        assertThat(at(doc, "diff_mode")).isEqualTo(true);
        assertThat(at(doc, "interrupted")).isEqualTo(true);
        assertThat(at(doc, "duration_ms")).isEqualTo(4000L);
        assertThat(listAt(doc, "plays")).hasSize(2);
        assertThat(at(doc, "plays", 0, "name")).isEqualTo("webservers");
        assertThat(at(doc, "plays", 0, "hosts")).isEqualTo(List.of("lab1", "lab2", "lab3", "lab4"));
        assertThat(mapAt(doc, "stats", "lab4"))
                .containsExactly(
                        Map.entry("ok", 0L),
                        Map.entry("changed", 0L),
                        Map.entry("unreachable", 1L),
                        Map.entry("failed", 0L),
                        Map.entry("skipped", 0L),
                        Map.entry("rescued", 0L),
                        Map.entry("ignored", 0L));
        assertThat(mapAt(doc, "stats")).containsOnlyKeys("lab1", "lab2", "lab3", "lab4", "db1");
    }

    @Test
    void recordsEachTaskWithItsHostsResults() throws Exception {
        Object doc = runAndParse(ScriptedRun.events());
        Object task = at(doc, "plays", 0, "tasks", 1);

        assertThat(at(task, "name")).isEqualTo("install thing");
        assertThat(at(task, "module")).isEqualTo("package");
        assertThat(at(task, "role")).isEqualTo("common");
        assertThat(at(task, "path")).isEqualTo("roles/common/tasks/main.yml:3");
        assertThat(at(task, "handler")).isEqualTo(false);
        assertThat(mapAt(task, "hosts")).containsOnlyKeys("lab1", "lab2", "lab3", "lab4");

        Object failed = at(task, "hosts", "lab3");
        assertThat(mapAt(failed))
                .containsEntry("status", "failed")
                .containsEntry("failed", true)
                .containsEntry("changed", false)
                .containsEntry("ignored", true)
                .containsEntry("msg", "non-zero return code")
                .containsEntry("duration_ms", 20L)
                .containsEntry("diff", null);
        assertThat(at(failed, "data")).isEqualTo(Map.of("rc", 2L, "stdout", "", "stderr", "boom"));

        assertThat(at(task, "hosts", "lab4", "unreachable")).isEqualTo(true);
        assertThat(at(task, "hosts", "lab2", "skipped")).isEqualTo(true);
        assertThat(listAt(task, "hosts", "lab1", "items")).hasSize(2);
        assertThat(at(task, "hosts", "lab1", "items", 0, "item")).isEqualTo("a");
        assertThat(at(task, "hosts", "lab1", "items", 0, "status")).isEqualTo("changed");
        assertThat(at(task, "hosts", "lab1", "items", 1, "item")).isEqualTo(Map.of("name", "b"));

        assertThat(at(doc, "plays", 0, "tasks", 2, "hosts", "lab1", "diff"))
                .isEqualTo(ScriptedRun.DIFF);
        assertThat(at(doc, "plays", 0, "tasks", 3, "handler")).isEqualTo(true);
    }

    @Test
    void replacesAnExistingReportAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("report.json");
        Files.writeString(file, "old");

        ScriptedRun.play(new JsonReporter(file), ScriptedRun.events());

        assertThat(Files.readString(file)).startsWith("{\n  \"playbook\": \"site.yml\",");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
