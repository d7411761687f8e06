package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code ringmaster play} end to end on the example playbooks, on the control machine through the
 * local connection: console output, exit codes, check mode, idempotence, and the JSON and JUnit
 * reports.
 */
class CliPlaybookTest {
    @TempDir Path out;

    private String[] local(String playbook, String... more) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of("play", Cli.example(playbook).toString(), "-e", "out_dir=" + out));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void theLocalTourPrintsAnsibleShapedOutputAndExitsZero() throws Exception {
        Cli.Run r = Cli.run(local("local.yml"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("PLAY [Local tour] ****")
                .contains("TASK [Read the kernel name] ****")
                .contains("ok: [localhost]")
                .contains("changed: [localhost]")
                .contains("3 services, last said 'service cache', shell counted 3")
                .contains("RUNNING HANDLER [motd changed]")
                .contains("PLAY RECAP ****");
        assertThat(r.out().indexOf("TASK [Read the kernel name]"))
                .isLessThan(r.out().indexOf("TASK [The command"));
        int[] recap = r.recap("localhost");
        assertThat(recap[1]).as("changed").isEqualTo(1);
        assertThat(recap[2] + recap[3]).as("unreachable + failed").isZero();
        assertThat(Files.readString(out.resolve("motd.txt")))
                .isEqualTo("hello from localhost\n- web\n- db\n- cache\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aLimitMatchingNoHostOrAnUnwritableReportStopsBeforeAnythingRuns() {
        Cli.Run typo = Cli.run(local("drift.yml", "--limit", "lcoalhost"));
        assertThat(typo.code()).as(typo.toString()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(typo.err()).contains("--limit 'lcoalhost' matches no host");
        Cli.Run report = Cli.run(local("drift.yml", "--json", out.toString()));
        assertThat(report.code()).as(report.toString()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(report.err()).contains("is a directory");
        assertThat(out.resolve("app.conf")).doesNotExist();
    }

    @Test
    void anInventoryLocalhostNeedsTheLocalConnectionAsInAnsible() {
        Cli.Run r =
                Cli.run(
                        "play",
                        Cli.example("drift.yml").toString(),
                        "-i",
                        "localhost,",
                        "-e",
                        "out_dir=" + out,
                        "-e",
                        "ansible_connection=local");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(out.resolve("app.conf")).exists();
    }

    @Test
    void aSecondRunOfTheTourChangesNothingAndNotifiesNoHandler() {
        assertThat(Cli.run(local("local.yml")).code()).isZero();
        Cli.Run second = Cli.run(local("local.yml", "--assert-no-changes"));
        assertThat(second.code()).as(second.toString()).isZero();
        assertThat(second.recap("localhost")[1]).isZero();
        assertThat(second.out())
                .doesNotContain("changed: [localhost]")
                .doesNotContain("RUNNING HANDLER");
    }

    @Test
    void theDriftGateExitsEightWhenSomethingChangedAndZeroWhenNot() throws Exception {
        Cli.Run first = Cli.run(local("drift.yml", "--assert-no-changes"));
        assertThat(first.code()).as(first.toString()).isEqualTo(ExitCodes.CHANGES_SEEN);
        assertThat(first.err()).contains("--assert-no-changes");
        Cli.Run again = Cli.run(local("drift.yml", "--assert-no-changes"));
        assertThat(again.code()).as(again.toString()).isZero();
        Files.writeString(out.resolve("app.conf"), "port = 1\n");
        Cli.Run drifted = Cli.run(local("drift.yml", "--assert-no-changes", "--diff"));
        assertThat(drifted.code()).isEqualTo(ExitCodes.CHANGES_SEEN);
        assertThat(drifted.out()).contains("-port = 1").contains("+port = 8080");
        assertThat(Files.readString(out.resolve("app.conf"))).contains("workers = 4");
    }

    @Test
    void checkModeWritesNothingAndSkipsCommands() {
        Cli.Run r = Cli.run(local("drift.yml", "--check"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("changed: [localhost]").contains("skipping: [localhost]");
        assertThat(out.resolve("app.conf")).doesNotExist();
        assertThat(r.recap("localhost")[4]).as("skipped").isEqualTo(1);
    }

    @Test
    void aFailingPlaybookExitsTwoAndCountsIgnoredRescuedAndFailed() {
        Cli.Run r = Cli.run(local("failing.yml"));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.HOST_FAILED);
        assertThat(r.out())
                .contains("fatal: [localhost]: FAILED!")
                .contains("the example failed as designed")
                .contains("...ignoring")
                .doesNotContain("TASK [Never reached]");
        int[] recap = r.recap("localhost");
        assertThat(recap[3]).as("failed").isEqualTo(1);
        assertThat(recap[5]).as("rescued").isEqualTo(1);
        assertThat(recap[6]).as("ignored").isEqualTo(1);
    }

    @Test
    void aBrokenPlaybookExitsFourWithFileLineAndColumnAndRunsNothing() {
        Path pb =
                Cli.write(
                        out.resolve("broken.yml"),
                        """
                - hosts: localhost
                  tasks:
                    - name: typo
                      comand: touch %s/should-not-exist
                    - name: bad param
                      template: {src: x.vm, dest: /tmp/x, mdoe: "0644"}
                """
                                .formatted(out));
        Cli.Run r = Cli.run("play", pb.toString(), "-i", "localhost,");
        assertThat(r.code()).isEqualTo(ExitCodes.PLAYBOOK_ERROR);
        assertThat(r.err())
                .containsPattern(
                        "broken\\.yml:3:\\d+: unknown module 'comand'; did you mean 'command'\\?")
                .containsPattern(
                        "broken\\.yml:6:\\d+: .*unknown parameter 'mdoe'.*did you mean 'mode'\\?")
                .contains("2 error(s); nothing was run.");
        assertThat(r.out()).doesNotContain("PLAY [");
        assertThat(out.resolve("should-not-exist")).doesNotExist();
    }

    @Test
    void badOptionsExitFive() {
        assertThat(Cli.run(local("drift.yml", "--forks", "0")).code())
                .isEqualTo(ExitCodes.BAD_OPTIONS);
        Cli.Run unknown = Cli.run(local("drift.yml", "--assert-no-change"));
        assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(unknown.err()).contains("--assert-no-changes");
        assertThat(out.resolve("app.conf")).doesNotExist();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonReportHasPlaysTasksHostsAndStats() throws Exception {
        Path json = out.resolve("report.json");
        Cli.Run r = Cli.run(local("failing.yml", "--json", json.toString()));
        assertThat(r.code()).isEqualTo(ExitCodes.HOST_FAILED);
        Map<String, Object> doc =
                new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(json));
        assertThat(doc)
                .containsKeys("playbook", "plays", "stats", "duration_ms")
                .containsEntry("interrupted", false);
        List<Map<String, Object>> plays = (List<Map<String, Object>>) doc.get("plays");
        assertThat(plays)
                .singleElement()
                .satisfies(p -> assertThat(p).containsEntry("name", "Things go wrong"));
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) plays.get(0).get("tasks");
        assertThat(tasks)
                .extracting(t -> t.get("name"))
                .containsExactly(
                        "A failure we expect",
                        "A missing file",
                        "Recovered",
                        "Clean up",
                        "A failure that stops the host");
        Map<String, Object> ignored = host(tasks.get(0));
        assertThat(ignored).containsEntry("status", "failed").containsEntry("ignored", true);
        assertThat((Map<String, Object>) ignored.get("data")).containsEntry("rc", 1);
        assertThat(host(tasks.get(4)))
                .containsEntry("status", "failed")
                .containsEntry("msg", "the example failed as designed");
        Map<String, Object> stats =
                (Map<String, Object>) ((Map<String, Object>) doc.get("stats")).get("localhost");
        assertThat(stats)
                .containsEntry("failed", 1)
                .containsEntry("rescued", 1)
                .containsEntry("ignored", 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> host(Map<String, Object> task) {
        return (Map<String, Object>) ((Map<String, Object>) task.get("hosts")).get("localhost");
    }

    @Test
    void theJunitReportIsWellFormedWithOneTestcasePerTaskAndHost() throws Exception {
        Path xml = out.resolve("junit.xml");
        Cli.Run r = Cli.run(local("failing.yml", "--junit", xml.toString()));
        assertThat(r.code()).isEqualTo(ExitCodes.HOST_FAILED);
        Document doc =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(5);
        assertThat(doc.getElementsByTagName("failure").getLength()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void twoLocalHostsFromAnInventoryFileBothRunAndAppearInTheRecap() {
        Path inv =
                Cli.write(
                        out.resolve("hosts.ini"),
                        """
                [boxes]
                box1 ansible_connection=local
                box2 ansible_connection=local colour=blue
                """);
        Path pb =
                Cli.write(
                        out.resolve("boxes.yml"),
                        """
                - hosts: boxes
                  gather_facts: false
                  tasks:
                    - name: Say hello
                      command: echo hello ${inventory_hostname}
                      register: hello
                      changed_when: false
                    - name: Only the blue one
                      debug: {msg: "${hello.stdout} is ${colour}"}
                      when: $inventory_hostname == 'box2'
                """);
        Cli.Run r = Cli.run("play", pb.toString(), "-i", inv.toString(), "--forks", "1");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("skipping: [box1]").contains("hello box2 is blue");
        assertThat(r.recap("box1")[4]).isEqualTo(1);
        assertThat(r.recap("box2")[0]).isEqualTo(2);
        Cli.Run limited = Cli.run("play", pb.toString(), "-i", inv.toString(), "--limit", "box2");
        assertThat(limited.out()).doesNotContain("box1");
    }
}
