package io.ringmaster.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ringmaster.connection.local.LocalTransport;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.Remote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BecomeTest {

    /** Records what it was asked to run and answers with a canned result. */
    private static final class Recorder implements Remote {
        final List<String> commands = new ArrayList<>();
        final List<byte[]> inputs = new ArrayList<>();
        ExecResult answer = new ExecResult(0, "out", Become.MARKER + "\nown err\n", null);

        @Override
        public ExecResult exec(String command, byte[] stdin, Duration timeout) {
            commands.add(command);
            inputs.add(stdin == null ? null : stdin.clone());
            return answer;
        }

        @Override
        public void upload(byte[] content, String path, String mode) {
            throw new AssertionError("become must not upload through the login user");
        }

        @Override
        public boolean isLocal() {
            return false;
        }
    }

    @Test
    void withoutPasswordRunsSudoNonInteractively() throws Exception {
        Recorder r = new Recorder();
        ExecResult res =
                Become.wrap(r, "root", null).exec("echo 'hi'; id -u", null, Duration.ofSeconds(5));
        assertThat(r.commands.get(0)).startsWith("sudo -n -H -u root -- /bin/sh -c ");
        assertThat(r.inputs.get(0)).isNull();
        assertThat(res.stderr()).isEqualTo("own err\n");
        assertThat(res.stdout()).isEqualTo("out");
    }

    @Test
    void withPasswordFeedsItBeforeTheCallersStdin() throws Exception {
        Recorder r = new Recorder();
        Become.wrap(r, "postgres", "s3cret".toCharArray())
                .exec("cat", "data".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertThat(r.commands.get(0)).startsWith("sudo -S -p '' -H -u postgres -- /bin/sh -c ");
        assertThat(new String(r.inputs.get(0), StandardCharsets.UTF_8)).isEqualTo("s3cret\ndata");
    }

    @Test
    void missingPasswordBecomesAClearFailure() throws Exception {
        Recorder r = new Recorder();
        r.answer = new ExecResult(1, "", "sudo: a password is required\n", null);
        ExecResult res = Become.wrap(r, "root", null).exec("true", null, Duration.ofSeconds(5));
        assertThat(res.rc()).isNotZero();
        assertThat(res.stderr())
                .contains("--ask-become-pass")
                .contains("sudo said: sudo: a password is required");
    }

    @Test
    void wrongPasswordBecomesAClearFailure() throws Exception {
        Recorder r = new Recorder();
        r.answer =
                new ExecResult(
                        1, "", "Sorry, try again.\nsudo: 1 incorrect password attempt\n", null);
        ExecResult res =
                Become.wrap(r, "root", "bad".toCharArray())
                        .exec("true", null, Duration.ofSeconds(5));
        assertThat(res.rc()).isEqualTo(1);
        assertThat(res.stderr())
                .contains("rejected the become password")
                .contains("--ask-become-pass");
    }

    @Test
    void commandsOwnFailureIsPassedThrough() throws Exception {
        Recorder r = new Recorder();
        r.answer = new ExecResult(5, "", Become.MARKER + "\nsudo: a password is required\n", null);
        ExecResult res = Become.wrap(r, "root", null).exec("x", null, Duration.ofSeconds(5));
        assertThat(res.rc()).isEqualTo(5);
        assertThat(res.stderr()).isEqualTo("sudo: a password is required\n");
    }

    @Test
    void realSudoOnThisMachine() throws Exception {
        assumeThat(Path.of("/usr/bin/sudo")).exists();
        assumeThat(System.getProperty("user.name")).isEqualTo("root");
        try (LocalTransport t = new LocalTransport()) {
            Connection local =
                    t.open(
                            new ConnectionTarget(
                                    "localhost", Map.of(), ConnectionOptions.defaults()));
            Remote asNobody = Become.wrap(local, "nobody", null);
            ExecResult r =
                    asNobody.exec(
                            "id -un; echo \"$HOME\"; cat; echo err >&2; exit 4",
                            "in\n".getBytes(StandardCharsets.UTF_8),
                            Duration.ofSeconds(10));
            assertThat(r.stdout()).startsWith("nobody\n").endsWith("in\n");
            assertThat(r.stderr()).isEqualTo("err\n");
            assertThat(r.rc()).isEqualTo(4);

            Path dir = Files.createTempDirectory("become");
            try {
                Path f = dir.resolve("owned");
                Become.wrap(local, "root", null)
                        .upload("x\n".getBytes(StandardCharsets.UTF_8), f.toString(), "0600");
                assertThat(Files.readString(f)).isEqualTo("x\n");
                try (var files = Files.list(dir)) {
                    assertThat(files).containsExactly(f);
                }
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
