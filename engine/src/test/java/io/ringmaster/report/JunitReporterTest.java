package io.ringmaster.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.event.HostStats;
import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunEvent.HostDone;
import io.ringmaster.event.RunEvent.PlayStarted;
import io.ringmaster.event.RunEvent.RunFinished;
import io.ringmaster.event.RunEvent.TaskStarted;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReporterTest {
    @TempDir Path dir;

    private Document runAndParse(List<RunEvent> events) throws Exception {
        Path file = dir.resolve("junit.xml");
        ScriptedRun.play(new JunitReporter(file), events);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> l = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            l.add((Element) nodes.item(i));
        }
        return l;
    }

    private static Element testcase(Document doc, String name) {
        return elements(doc.getDocumentElement(), "testcase").stream()
                .filter(e -> e.getAttribute("name").equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void writesOneSuitePerPlayWithCounts() throws Exception {
        Document doc = runAndParse(ScriptedRun.events());
        Element root = doc.getDocumentElement();

        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("9");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        List<Element> suites = elements(root, "testsuite");
        // the scripted run was interrupted: a last suite says so, as an error the CI server shows
        assertThat(suites)
                .extracting(e -> e.getAttribute("name"))
                .containsExactly("webservers", "dbservers", "ringmaster");
        assertThat(elements(suites.get(2), "error"))
                .singleElement()
                .satisfies(e -> assertThat(e.getAttribute("message")).startsWith("interrupted"));
        Element web = suites.get(0);
        assertThat(web.getAttribute("tests")).isEqualTo("8");
        assertThat(web.getAttribute("failures")).isEqualTo("0"); // lab3's failure was ignored
        assertThat(web.getAttribute("errors")).isEqualTo("1");
        assertThat(web.getAttribute("skipped")).isEqualTo("1");
        assertThat(web.getAttribute("time")).isEqualTo("13.300");
        assertThat(elements(web, "testcase"))
                .extracting(e -> e.getAttribute("name"))
                .containsExactly(
                        "Gathering Facts [lab1]",
                        "Gathering Facts [lab2]",
                        "common : install thing [lab1]",
                        "common : install thing [lab2]",
                        "common : install thing [lab3]",
                        "common : install thing [lab4]",
                        "write motd [lab1]",
                        "restart [lab1]");
    }

    @Test
    void marksUnreachableAsErrorSkippedAsSkippedAndIgnoredFailuresAsPassing() throws Exception {
        Document doc = runAndParse(ScriptedRun.events());

        Element unreachable = testcase(doc, "common : install thing [lab4]");
        assertThat(unreachable.getAttribute("classname")).isEqualTo("webservers");
        assertThat(elements(unreachable, "error"))
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e.getAttribute("message"))
                                        .isEqualTo("Failed to connect to the host via ssh"));
        assertThat(elements(testcase(doc, "common : install thing [lab2]"), "skipped")).hasSize(1);
        Element ignored = testcase(doc, "common : install thing [lab3]");
        assertThat(elements(ignored, "failure")).isEmpty();
        assertThat(elements(ignored, "system-out").get(0).getTextContent())
                .startsWith("...ignoring failed: {");
        assertThat(elements(ignored, "system-err").get(0).getTextContent()).isEqualTo("boom");
    }

    @Test
    void reportsAFailureWithItsMessageAndTheResultAsJson() throws Exception {
        Document doc =
                runAndParse(
                        List.of(
                                new PlayStarted("p", List.of("h")),
                                new TaskStarted("cmd", "command", null, null, false),
                                new HostDone(
                                        "cmd",
                                        "command",
                                        null,
                                        ScriptedRun.result(
                                                "h",
                                                Status.FAILED,
                                                "non-zero return code",
                                                ScriptedRun.ordered(
                                                        "rc", 2, "stdout", "partial output"),
                                                1.25)),
                                new RunFinished(
                                        Map.of("h", HostStats.ZERO.withFailed(1)),
                                        Duration.ofSeconds(2),
                                        false)));

        Element tc = testcase(doc, "cmd [h]");
        assertThat(tc.getAttribute("time")).isEqualTo("1.250");
        Element failure = elements(tc, "failure").get(0);
        assertThat(failure.getAttribute("message")).isEqualTo("non-zero return code");
        assertThat(JsonParser.parse(failure.getTextContent()))
                .isEqualTo(
                        Map.of(
                                "changed",
                                false,
                                "msg",
                                "non-zero return code",
                                "rc",
                                2L,
                                "stdout",
                                "partial output"));
        assertThat(elements(tc, "system-out").get(0).getTextContent()).isEqualTo("partial output");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    }

    @Test
    void aRescuedFailureIsNoFailureAsTheRecapSaysFailedZero() throws Exception {
        Document doc =
                runAndParse(
                        List.of(
                                new PlayStarted("p", List.of("h")),
                                new TaskStarted("risky", "command", null, null, false),
                                new HostDone(
                                        "risky",
                                        "command",
                                        null,
                                        ScriptedRun.result(
                                                "h",
                                                Status.FAILED,
                                                "non-zero return code",
                                                ScriptedRun.ordered("rc", 2),
                                                0.5)),
                                new RunEvent.Rescued("h"),
                                new TaskStarted("fix", "command", null, null, false),
                                new HostDone(
                                        "fix",
                                        "command",
                                        null,
                                        ScriptedRun.result("h", Status.OK, "", Map.of(), 0.5)),
                                new RunFinished(
                                        Map.of("h", HostStats.ZERO.withOk(1).withRescued(1)),
                                        Duration.ofSeconds(1),
                                        false)));
        Element tc = testcase(doc, "risky [h]");
        assertThat(elements(tc, "failure")).isEmpty();
        assertThat(elements(tc, "system-out").get(0).getTextContent()).startsWith("...rescued: {");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void escapesHostileTextSoTheXmlStaysWellFormed() throws Exception {
        String hostile =
                "</testcase>]]><![CDATA[ \"quoted\" 'single' & <b> \u0001\u001b[31m \uFFFE";
        Document doc =
                runAndParse(
                        List.of(
                                new PlayStarted("play </testsuite> \"x\"", List.of("h")),
                                new TaskStarted("task ]]> & \"q\"", "command", null, null, false),
                                new HostDone(
                                        "task ]]> & \"q\"",
                                        "command",
                                        null,
                                        new TaskResult(
                                                "h",
                                                Status.FAILED,
                                                hostile,
                                                Map.of("stdout", hostile),
                                                null,
                                                Duration.ZERO,
                                                false,
                                                List.of(),
                                                null)),
                                new RunFinished(Map.of(), Duration.ZERO, false)));

        Element suite = elements(doc.getDocumentElement(), "testsuite").get(0);
        assertThat(suite.getAttribute("name")).isEqualTo("play </testsuite> \"x\"");
        Element tc = testcase(doc, "task ]]> & \"q\" [h]");
        String visible =
                "</testcase>]]><![CDATA[ \"quoted\" 'single' & <b> \\u0001\\u001b[31m \\ufffe";
        assertThat(elements(tc, "failure").get(0).getAttribute("message")).isEqualTo(visible);
        assertThat(elements(tc, "system-out").get(0).getTextContent()).isEqualTo(visible);
        assertThat(elements(tc, "failure").get(0).getTextContent()).contains("</testcase>]]>");
    }
}
