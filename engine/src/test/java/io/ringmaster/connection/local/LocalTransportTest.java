package io.ringmaster.connection.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.connection.Connection;
import io.ringmaster.connection.ConnectionOptions;
import io.ringmaster.connection.ConnectionTarget;
import io.ringmaster.module.api.ExecResult;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTransportTest {
    private final LocalTransport transport = new LocalTransport();
    private final Connection local =
            transport.open(
                    new ConnectionTarget(
                            "localhost",
                            Map.of("ansible_connection", "local"),
                            ConnectionOptions.defaults()));

    @TempDir Path dir;

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void reportsExitCodeStdoutAndStderr() throws Exception {
        ExecResult r = local.exec("echo out; echo err >&2; exit 3");
        assertThat(r.rc()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.signal()).isNull();
        assertThat(local.isLocal()).isTrue();
        assertThat(local.host()).isEqualTo("localhost");
    }

    @Test
    void commandGoesToShellAsIs() throws Exception {
        ExecResult r = local.exec("x='a b'; for w in $x; do printf '[%s]' \"$w\"; done");
        assertThat(r.stdout()).isEqualTo("[a][b]");
    }

    @Test
    void feedsStdinAndClosesIt() throws Exception {
        ExecResult r =
                local.exec(
                        "tr a-z A-Z",
                        "hello\n".getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(10));
        assertThat(r.stdout()).isEqualTo("HELLO\n");
        ExecResult none = local.exec("cat; echo end", null, Duration.ofSeconds(10));
        assertThat(none.stdout()).isEqualTo("end\n");
    }

    @Test
    void killsOnTimeoutAndSaysSo() throws Exception {
        long t0 = System.nanoTime();
        ExecResult r = local.exec("echo started; sleep 30", null, Duration.ofMillis(300));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.rc()).isEqualTo(124);
        assertThat(r.signal()).isEqualTo("KILL");
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(r.stderr()).contains("timed out after 300ms");
    }

    @Test
    void namesTheSignalThatKilledTheCommand() throws Exception {
        ExecResult r = local.exec("kill -TERM $$");
        assertThat(r.signal()).isEqualTo("TERM");
        assertThat(r.rc()).isEqualTo(143);
    }

    @Test
    void bigOutputOnBothStreamsDoesNotDeadlock() throws Exception {
        String cmd =
                "i=0; while [ $i -lt 20 ]; do head -c 100000 /dev/zero | tr '\\0' o; "
                        + "head -c 100000 /dev/zero | tr '\\0' e >&2; i=$((i+1)); done";
        ExecResult r = local.exec(cmd, null, Duration.ofSeconds(30));
        assertThat(r.rc()).isZero();
        assertThat(r.stdout()).hasSize(2_000_000);
        assertThat(r.stderr()).hasSize(2_000_000);
    }

    @Test
    void bigStdinThatIsNotReadDoesNotHang() throws Exception {
        byte[] big = new byte[5_000_000];
        ExecResult r = local.exec("exit 0", big, Duration.ofSeconds(10));
        assertThat(r.rc()).isZero();
    }

    @Test
    void uploadsAtomicallyWithMode() throws Exception {
        Path f = dir.resolve("conf");
        Files.writeString(f, "old");
        local.upload("new\n".getBytes(StandardCharsets.UTF_8), f.toString(), "0640");
        assertThat(Files.readString(f)).isEqualTo("new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void failedUploadLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("busy");
        Files.createDirectories(target.resolve("inside"));
        assertThatThrownBy(() -> local.upload(new byte[] {1}, target.toString(), "0644"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(target.toString());
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void rejectsNonOctalMode() {
        assertThatThrownBy(
                        () -> local.upload(new byte[0], dir.resolve("x").toString(), "rw-r--r--"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("octal");
    }
}
