package io.ringmaster.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunEvent.HostDone;
import io.ringmaster.event.RunEvent.PlayStarted;
import io.ringmaster.event.RunEvent.TaskStarted;
import io.ringmaster.event.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

    private static String run(boolean color, int verbosity, List<RunEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        ScriptedRun.play(new ConsoleReporter(out, color, verbosity), events);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheRunLikeAnsiblePlaybookDefaultCallback() {
        String expected =
                String.join(
                        "\n",
                        "",
                        "PLAY [webservers] **************************************************************",
                        "",
                        "TASK [Gathering Facts] *********************************************************",
                        "ok: [lab1]",
                        "ok: [lab2]",
                        "",
                        "TASK [common : install thing] **************************************************",
                        "changed: [lab1] => (item=a)",
                        "ok: [lab1] => (item={'name': 'b'})",
                        "skipping: [lab2]",
                        "fatal: [lab3]: FAILED! => {\"changed\": false, \"msg\": \"non-zero return code\", \"rc\": 2,"
                                + " \"stdout\": \"\", \"stderr\": \"boom\"}",
                        "...ignoring",
                        "fatal: [lab4]: UNREACHABLE! => {\"changed\": false, \"msg\": \"Failed to connect to the host via"
                                + " ssh\", \"unreachable\": true}",
                        "",
                        "TASK [write motd] **************************************************************",
                        "--- before: /etc/motd",
                        "+++ after: /etc/motd",
                        "@@ -1 +1 @@",
                        "-old",
                        "+new",
                        "",
                        "changed: [lab1]",
                        "[WARNING]: Could not match supplied host pattern, ignoring: nosuch",
                        "",
                        "RUNNING HANDLER [restart] ******************************************************",
                        "changed: [lab1]",
                        "",
                        "PLAY [dbservers] ***************************************************************",
                        "",
                        "TASK [say hello] ***************************************************************",
                        "ok: [db1] => {",
                        "    \"msg\": \"hello\"",
                        "}",
                        "Interrupted: stopping after the current task",
                        "",
                        "PLAY RECAP *********************************************************************",
                        "db1                        : ok=1    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   ",
                        "lab1                       : ok=4    changed=3    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   ",
                        "lab2                       : ok=1    changed=0    unreachable=0    failed=0    skipped=1    rescued=0    ignored=0   ",
                        "lab3                       : ok=0    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=1   ",
                        "lab4                       : ok=0    changed=0    unreachable=1    failed=0    skipped=0    rescued=0    ignored=0   ",
                        "",
                        "INTERRUPTED: the run was stopped before it finished; the recap shows what was done, later tasks "
                                + "did not run",
                        "");

        assertThat(run(false, 0, ScriptedRun.events())).isEqualTo(expected);
    }

    @Test
    void bannersArePaddedWithStarsToColumnEightyAndKeepThreeStarsWhenTheNameIsLong() {
        assertThat(ConsoleText.banner("PLAY RECAP")).isEqualTo("\nPLAY RECAP " + "*".repeat(69));
        assertThat(ConsoleText.banner("PLAY RECAP")).hasSize(81);
        assertThat(ConsoleText.banner("TASK [" + "x".repeat(100) + "]")).endsWith("] ***");
    }

    @Test
    void writesNoEscapeCodesWithoutColour() {
        assertThat(run(false, 3, ScriptedRun.events())).doesNotContain("\033[");
    }

    @Test
    void coloursStatusLinesDiffsWarningsAndRecapWhenEnabled() {
        String out = run(true, 0, ScriptedRun.events());

        assertThat(out)
                .contains("\033[0;32mok: [lab1]\033[0m\n")
                .contains("\033[0;33mchanged: [lab1] => (item=a)\033[0m\n")
                .contains("\033[0;36mskipping: [lab2]\033[0m\n")
                .contains("\033[0;31mfatal: [lab3]: FAILED! => ")
                .contains("\033[1;31mfatal: [lab4]: UNREACHABLE! => ")
                .contains("\033[0;36m...ignoring\033[0m\n")
                .contains("\033[0;31m-old\033[0m\n\033[0;32m+new\033[0m\n")
                .contains("\033[0;36m@@ -1 +1 @@\033[0m\n")
                .contains("\033[1;35m[WARNING]: Could not match")
                // host names coloured by outcome, padded as if uncoloured; zero counts stay plain
                .contains(
                        "\033[0;31mlab4\033[0m                       : ok=0    changed=0    "
                                + "\033[1;31munreachable=1   \033[0m failed=0")
                .contains("\033[0;33mlab1\033[0m                       : \033[0;32mok=4   \033[0m")
                .contains("\033[0;32mdb1\033[0m                        : ");
        assertThat(out).contains("\nPLAY [webservers] ****");
    }

    @Test
    void verboseShowsResultDataOnOkAndChangedLinesAndTaskPaths() {
        List<RunEvent> events =
                List.of(
                        new PlayStarted("p", List.of("h")),
                        new TaskStarted("run it", "command", null, "site.yml:4", false),
                        new HostDone(
                                "run it",
                                "command",
                                null,
                                ScriptedRun.result(
                                        "h",
                                        Status.CHANGED,
                                        "",
                                        ScriptedRun.ordered("rc", 0, "stdout", "hi\tthere"),
                                        0)));

        assertThat(run(false, 1, events))
                .endsWith(
                        "TASK [run it] ******************************************************************\n"
                                + "changed: [h] => {\"changed\": true, \"rc\": 0, \"stdout\": \"hi\\tthere\"}\n");
        assertThat(run(false, 2, events))
                .contains("*****\ntask path: site.yml:4\nchanged: [h] => {");
        assertThat(run(false, 3, events))
                .endsWith(
                        "changed: [h] => {\n    \"changed\": true,\n    \"rc\": 0,\n    \"stdout\": \"hi\\tthere\"\n}\n");
    }

    @Test
    void aModulesWarningsArePrintedAfterItsResultOnceEach() {
        List<RunEvent> events =
                List.of(
                        new PlayStarted("p", List.of("h1", "h2")),
                        new TaskStarted("define", "virt_domain", null, "site.yml:4", false),
                        new HostDone(
                                "define",
                                "virt_domain",
                                null,
                                ScriptedRun.result(
                                        "h1",
                                        Status.OK,
                                        "",
                                        ScriptedRun.ordered(
                                                "warnings",
                                                List.of("libvirt does not keep X; remove it")),
                                        0)),
                        new HostDone(
                                "define",
                                "virt_domain",
                                null,
                                ScriptedRun.result(
                                        "h2",
                                        Status.OK,
                                        "",
                                        ScriptedRun.ordered(
                                                "warnings",
                                                List.of("libvirt does not keep X; remove it")),
                                        0)));

        assertThat(run(false, 0, events))
                .endsWith("ok: [h1]\n[WARNING]: libvirt does not keep X; remove it\nok: [h2]\n");
    }

    @Test
    void loopItemsArePrintedOneLinePerItemWithFailuresAsFailed() {
        List<RunEvent> events =
                List.of(
                        new PlayStarted("p", List.of("h")),
                        new TaskStarted("loop", "command", null, null, false),
                        new HostDone(
                                "loop",
                                "command",
                                null,
                                new io.ringmaster.event.TaskResult(
                                        "h",
                                        Status.FAILED,
                                        "one item failed",
                                        Map.of(),
                                        null,
                                        null,
                                        false,
                                        List.of(
                                                ScriptedRun.item("h", Status.SKIPPED, 1),
                                                new io.ringmaster.event.TaskResult(
                                                        "h",
                                                        Status.FAILED,
                                                        "boom",
                                                        Map.of("rc", 1),
                                                        null,
                                                        null,
                                                        false,
                                                        List.of(),
                                                        List.of("x", true))),
                                        null)));

        assertThat(run(false, 0, events))
                .endsWith(
                        "*****\n"
                                + "skipping: [h] => (item=1) \n"
                                + "failed: [h] (item=['x', True]) => {\"changed\": false, \"msg\": \"boom\", \"rc\": 1,"
                                + " \"item\": [\"x\", true]}\n");
    }

    @Test
    void repeatsTheTaskBannerWhenResultsOfAnotherTaskArrive() {
        List<RunEvent> events =
                List.of(
                        new PlayStarted("", List.of("a", "b")),
                        new TaskStarted("one", "ping", null, null, false),
                        new TaskStarted("two", "ping", null, null, false),
                        new HostDone(
                                "one",
                                "ping",
                                null,
                                ScriptedRun.result("a", Status.OK, "", Map.of(), 0)));

        assertThat(run(false, 0, events))
                .isEqualTo(
                        "\nPLAY "
                                + "*".repeat(75)
                                + "\n"
                                + ConsoleText.banner("TASK [one]")
                                + "\n"
                                + ConsoleText.banner("TASK [two]")
                                + "\n"
                                + ConsoleText.banner("TASK [one]")
                                + "\n"
                                + "ok: [a]\n");
    }

    @Test
    void showsEachDistinctWarningOnceAndWrapsItAtSeventyNineColumns() {
        String long1 = "word ".repeat(30).strip();
        String out =
                run(false, 0, List.of(new RunEvent.Warning(long1), new RunEvent.Warning(long1)));

        assertThat(out.split("\n"))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(79));
        assertThat(out).startsWith("[WARNING]: word word").containsOnlyOnce("[WARNING]");
        assertThat(out.replace("\n", " ").strip()).isEqualTo("[WARNING]: " + long1);
    }
}
