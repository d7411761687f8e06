package io.ringmaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringmaster report merge}: shards of one run joined into the report one controller would
 * have written.
 */
@SuppressWarnings("unchecked")
class ReportMergeCommandTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run main(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * A shard's report in JsonReporter's shape: two tasks (the second skipped by hosts that failed
     * the first).
     */
    private Path shard(
            String file, String playbook, Map<String, String> hostStatus, long durationMs) {
        StringBuilder t1 = new StringBuilder();
        StringBuilder t2 = new StringBuilder();
        StringBuilder stats = new StringBuilder();
        for (Map.Entry<String, String> h : hostStatus.entrySet()) {
            boolean failed = h.getValue().equals("failed");
            t1.append(t1.length() == 0 ? "" : ", ").append(result(h.getKey(), h.getValue()));
            if (!failed) {
                t2.append(t2.length() == 0 ? "" : ", ").append(result(h.getKey(), "ok"));
            }
            stats.append(stats.length() == 0 ? "" : ", ")
                    .append('"')
                    .append(h.getKey())
                    .append("\": {\"ok\": ")
                    .append(failed ? 0 : h.getValue().equals("changed") ? 2 : 2)
                    .append(", \"changed\": ")
                    .append(h.getValue().equals("changed") ? 1 : 0)
                    .append(", \"unreachable\": 0, \"failed\": ")
                    .append(failed ? 1 : 0)
                    .append(", \"skipped\": 0, \"rescued\": 0, \"ignored\": 0}");
        }
        String tasks =
                "{\"name\": \"Domain\", \"module\": \"virt_domain\", \"role\": null, \"path\": \"site.yml:7\", "
                        + "\"handler\": false, \"hosts\": {"
                        + t1
                        + "}}"
                        + (t2.length() == 0
                                ? ""
                                : ", {\"name\": \"Report\", \"module\": \"debug\", \"role\": null, "
                                        + "\"path\": \"site.yml:12\", \"handler\": false, \"hosts\": {"
                                        + t2
                                        + "}}");
        String json =
                "{\"playbook\": \""
                        + playbook
                        + "\", \"playbooks\": [\""
                        + playbook
                        + "\"], \"check_mode\": false, "
                        + "\"diff_mode\": false, \"plays\": [{\"name\": \"KVM\", \"hosts\": ["
                        + String.join(
                                ", ", hostStatus.keySet().stream().map(h -> '"' + h + '"').toList())
                        + "], \"tasks\": ["
                        + tasks
                        + "]}], "
                        + "\"stats\": {"
                        + stats
                        + "}, \"duration_ms\": "
                        + durationMs
                        + ", \"interrupted\": false}\n";
        return write(file, json);
    }

    private static String result(String host, String status) {
        return "\""
                + host
                + "\": {\"status\": \""
                + status
                + "\", \"changed\": "
                + status.equals("changed")
                + ", \"failed\": "
                + status.equals("failed")
                + ", \"msg\": \"a \\\"quoted\\\" \\u00e9 msg\", \"data\": {\"xml\": \"<a b='1'/>\\n\"}}";
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shardsOfOneRunMergeIntoTheReportOneControllerWouldHaveWritten() {
        Path a = shard("a.json", "site.yml", Map.of("hv1", "ok", "hv2", "changed"), 4000);
        Path b = shard("b.json", "site.yml", Map.of("hv3", "ok"), 6500);
        Path out = dir.resolve("out/merged.json");
        Run r = main("report", "merge", a.toString(), b.toString(), "-o", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("merged 2 reports")
                .contains("3 hosts")
                .contains("changed=1")
                .contains("failed=0");

        Map<String, Object> merged = ReportMergeCommand.read(out).doc();
        assertThat(merged)
                .containsEntry("playbook", "site.yml")
                .containsEntry("duration_ms", 6500)
                .containsEntry("interrupted", false);
        assertThat((Map<String, Object>) merged.get("stats")).containsOnlyKeys("hv1", "hv2", "hv3");
        Map<?, ?> play = (Map<String, Object>) ((List<Object>) merged.get("plays")).get(0);
        assertThat((List<Object>) play.get("hosts")).containsExactlyInAnyOrder("hv1", "hv2", "hv3");
        List<?> tasks = (List<Object>) play.get("tasks");
        assertThat(tasks).hasSize(2);
        assertThat((Map<String, Object>) ((Map<String, Object>) tasks.get(0)).get("hosts"))
                .containsOnlyKeys("hv1", "hv2", "hv3");
        Map<?, ?> hv2 =
                (Map<String, Object>)
                        ((Map<String, Object>) ((Map<String, Object>) tasks.get(0)).get("hosts"))
                                .get("hv2");
        assertThat(hv2.get("msg")).isEqualTo("a \"quoted\" é msg");
        assertThat(((Map<String, Object>) hv2.get("data")).get("xml")).isEqualTo("<a b='1'/>\n");
        assertThat((List<Object>) merged.get("shards")).hasSize(2);
    }

    @Test
    void aTaskOnlyOneShardReachedKeepsItsPlaceAndAFailedHostSetsTheExitCode() {
        Path a = shard("a.json", "site.yml", Map.of("hv1", "failed"), 1000);
        Path b = shard("b.json", "site.yml", Map.of("hv2", "ok"), 1000);
        Path out = dir.resolve("m.json");
        Run r = main("report", "merge", a.toString(), b.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.HOST_FAILED);
        List<?> tasks =
                (List<Object>)
                        ((Map<String, Object>)
                                        ((List<Object>)
                                                        ReportMergeCommand.read(out)
                                                                .doc()
                                                                .get("plays"))
                                                .get(0))
                                .get("tasks");
        assertThat(tasks)
                .extracting(t -> ((Map<String, Object>) t).get("name"))
                .containsExactly("Domain", "Report");
        assertThat((Map<String, Object>) ((Map<String, Object>) tasks.get(1)).get("hosts"))
                .containsOnlyKeys("hv2");
    }

    @Test
    void overlappingShardsOrDifferentPlaybooksAreRefusedWithWhatAndHowToFix() {
        Path a = shard("a.json", "site.yml", Map.of("hv1", "ok"), 1000);
        Path dup = shard("dup.json", "site.yml", Map.of("hv1", "ok"), 1000);
        Path other = shard("other.json", "teardown.yml", Map.of("hv9", "ok"), 1000);
        Path out = dir.resolve("never.json");
        Run twice = main("report", "merge", a.toString(), dup.toString(), "-o", out.toString());
        assertThat(twice.code()).isEqualTo(ExitCodes.PLAYBOOK_ERROR);
        assertThat(twice.err())
                .contains("host 'hv1' is in two shards")
                .contains("a.json")
                .contains("dup.json")
                .contains("hint:");
        Run mixed = main("report", "merge", a.toString(), other.toString(), "-o", out.toString());
        assertThat(mixed.code()).isEqualTo(ExitCodes.PLAYBOOK_ERROR);
        assertThat(mixed.err())
                .contains("other.json has playbook \"teardown.yml\"")
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFileThatIsNotAReportIsNamedWithItsPosition() {
        Path a = shard("a.json", "site.yml", Map.of("hv1", "ok"), 1000);
        Path broken = write("broken.json", "{\"plays\": [\n  {\"name\": \"x\",,}\n]}\n");
        Path notReport = write("list.json", "[1, 2]\n");
        Path out = dir.resolve("never.json");
        Run r = main("report", "merge", a.toString(), broken.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.PLAYBOOK_ERROR);
        assertThat(r.err())
                .containsPattern("broken\\.json:2:\\d+: not valid JSON")
                .doesNotContain("at org.yaml");
        Run n = main("report", "merge", notReport.toString(), "-o", out.toString());
        assertThat(n.err()).contains("list.json: not a Ringmaster JSON report");
        Run missing =
                main("report", "merge", dir.resolve("nope.json").toString(), "-o", out.toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.PLAYBOOK_ERROR);
        assertThat(missing.err()).contains("cannot read report").contains("nope.json");
        assertThat(main("report", "merge", a.toString()).code()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(main("report").out()).contains("merge");
    }
}
