package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8 item 7, on the real runnable jar in its own JVM: every interruption (Ctrl-C, a second
 * Ctrl-C, SIGTERM, SIGHUP) prints the recap of what was done with an INTERRUPTED line, writes the
 * --json and --junit reports, and exits 99; a run started in the background of a non-interactive
 * shell still reacts to SIGINT.
 */
class CliSignalsIT {
    @TempDir Path dir;

    private Path marker;
    private Path playbook;

    private Path playbook() throws Exception {
        marker = dir.resolve("third-task-ran");
        return Files.writeString(
                dir.resolve("slow.yml"),
                """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: quick
                      command: "true"
                    - name: slow
                      command: sleep 4
                    - name: third
                      command: touch %s
                """
                        .formatted(marker));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "HUP", "INT INT"})
    void everyInterruptionPrintsTheRecapWritesTheReportsAndExits99(String signals)
            throws Exception {
        playbook = playbook();
        Path jar = Path.of("target/ringmaster.jar").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        Process p = start(cmd);
        String out = interrupt(p, p.pid(), signals.split(" "));
        assertInterrupted(p, out);
    }

    @Test
    void aRunInTheBackgroundOfANonInteractiveShellStillReactsToSigint() throws Exception {
        playbook = playbook();
        Path launcher = Path.of("../ringmaster").toAbsolutePath().normalize();
        // sh -c '... &' starts the job with SIGINT ignored, as any script's background job is.
        Process p =
                new ProcessBuilder(
                                "sh",
                                "-c",
                                "\"$0\" \"$@\" & echo pid=$!; wait $!",
                                launcher.toString(),
                                "play",
                                playbook.toString(),
                                "--json",
                                dir.resolve("run.json").toString(),
                                "--junit",
                                dir.resolve("run.xml").toString())
                        .redirectErrorStream(true)
                        .start();
        String out = interrupt(p, -1, "INT");
        assertInterrupted(p, out);
        assertThat(marker).doesNotExist();
    }

    private Process start(List<String> cmd) throws Exception {
        cmd.addAll(
                List.of(
                        "play",
                        playbook.toString(),
                        "--json",
                        dir.resolve("run.json").toString(),
                        "--junit",
                        dir.resolve("run.xml").toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /**
     * Reads the output; when the slow task starts, sends the signals to {@code pid} (or the printed
     * pid=).
     */
    private static String interrupt(Process p, long pid, String... signals) throws Exception {
        StringBuilder out = new StringBuilder();
        long target = pid;
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.startsWith("pid=")) {
                    target = Long.parseLong(line.substring(4).strip());
                }
                if (line.startsWith("TASK [slow]")) {
                    Thread.sleep(500);
                    for (String s : signals) {
                        new ProcessBuilder("kill", "-" + s, Long.toString(target))
                                .start()
                                .waitFor();
                        Thread.sleep(300);
                    }
                }
            }
        }
        return out.toString();
    }

    private void assertInterrupted(Process p, String out) throws Exception {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(99);
        assertThat(out)
                .contains("PLAY RECAP")
                .contains("localhost                  : ok=")
                .contains("INTERRUPTED: the run was stopped before it finished")
                .doesNotContain("TASK [third]");
        assertThat(marker).doesNotExist();
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"interrupted\": true");
        assertThat(Files.readString(dir.resolve("run.xml")))
                .contains("interrupted: the run was stopped");
    }
}
