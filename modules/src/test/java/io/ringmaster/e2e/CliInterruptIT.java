package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on the real runnable jar: the running task finishes, no new task starts, the recap prints,
 * exit 99. Runs the shaded jar in its own JVM so the SIGINT reaches it as it would from a terminal.
 */
class CliInterruptIT {
    @TempDir Path dir;

    @Test
    void ctrlCLetsTheRunningTaskFinishPrintsTheRecapAndExits99() throws Exception {
        Path jar = Path.of("target/ringmaster.jar").toAbsolutePath();
        assertThat(jar)
                .as("the runnable jar is built by mvn package before failsafe runs")
                .exists();
        Path marker = dir.resolve("second-task-ran");
        Path playbook =
                Files.writeString(
                        dir.resolve("slow.yml"),
                        """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: slow
                      command: sleep 3
                    - name: second
                      command: touch %s
                """
                                .formatted(marker));
        Process p =
                new ProcessBuilder("java", "-jar", jar.toString(), "play", playbook.toString())
                        .redirectErrorStream(true)
                        .start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.startsWith("TASK [slow]")) {
                    Thread.sleep(500);
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                }
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out.toString()).isEqualTo(99);
        assertThat(out.toString())
                .contains("changed: [localhost]")
                .contains("PLAY RECAP")
                .doesNotContain("TASK [second]");
        assertThat(marker).doesNotExist();
    }
}
