package io.ringmaster.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.event.HostStats;
import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunListener;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 11: a host name with right-to-left or zero-width characters cannot spoof any output.
 */
class HostileNamesTest {
    private static final String RLO_HOST = "web1\u202e2bew";
    private static final String ZW_HOST = "db\u200b1";

    @TempDir Path dir;

    @Test
    void invisibleCharactersInHostNamesAreEscapedInTheConsoleJsonAndJunit() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<RunListener> listeners =
                List.of(
                        new ConsoleReporter(
                                new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 1),
                        new JsonReporter(dir.resolve("r.json")),
                        new JunitReporter(dir.resolve("r.xml")));
        List<RunEvent> events =
                List.of(
                        new RunEvent.PlaybookStarted(Path.of("site.yml"), false, false),
                        new RunEvent.PlayStarted("all", List.of(RLO_HOST, ZW_HOST)),
                        new RunEvent.TaskStarted("t", "debug", null, "site.yml:3", false),
                        done(RLO_HOST),
                        done(ZW_HOST),
                        new RunEvent.RunFinished(
                                Map.of(
                                        RLO_HOST,
                                        HostStats.ZERO.withOk(1),
                                        ZW_HOST,
                                        HostStats.ZERO.withOk(1)),
                                Duration.ofSeconds(1),
                                false));
        events.forEach(e -> listeners.forEach(l -> l.on(e)));
        String console = bytes.toString(StandardCharsets.UTF_8);
        for (String text :
                List.of(
                        console,
                        Files.readString(dir.resolve("r.json")),
                        Files.readString(dir.resolve("r.xml")))) {
            assertThat(text).doesNotContain("\u202e").doesNotContain("\u200b");
        }
        assertThat(console).contains("ok: [web1\\u202e2bew]").contains("db\\u200b1 ");
    }

    private static RunEvent done(String host) {
        return new RunEvent.HostDone(
                "t",
                "debug",
                null,
                new TaskResult(
                        host,
                        Status.OK,
                        "hi " + host,
                        Map.of(),
                        null,
                        Duration.ofMillis(5),
                        false,
                        List.of(),
                        null));
    }
}
