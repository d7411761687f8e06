package io.ringmaster.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.connection.local.LocalTransport;
import io.ringmaster.module.api.ExecResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload script, run by a real /bin/sh. */
class AtomicWriteTest {
    private final LocalTransport transport = new LocalTransport();
    private final Connection sh =
            transport.open(
                    new ConnectionTarget("localhost", Map.of(), ConnectionOptions.defaults()));

    @TempDir Path dir;

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void tempFileIsHiddenNextToTheDestination() {
        assertThat(AtomicWrite.tempPathFor("/etc/libvirt/qemu.conf"))
                .matches("/etc/libvirt/\\.qemu\\.conf\\.ringmaster\\.[0-9a-f]{12}");
        assertThat(AtomicWrite.tempPathFor("rel")).matches("\\.rel\\.ringmaster\\.[0-9a-f]{12}");
    }

    @Test
    void writesContentFromStdinWithMode() throws Exception {
        Path f = dir.resolve("it's a file");
        byte[] content = "line 1\n'quoted' $(not run)\n".getBytes(StandardCharsets.UTF_8);
        ExecResult r =
                sh.exec(
                        AtomicWrite.script(f.toString(), "0600", content),
                        content,
                        Duration.ofSeconds(10));
        assertThat(r.rc()).as(r.stderr()).isZero();
        assertThat(Files.readAllBytes(f)).isEqualTo(content);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void failingRenameRemovesTheTemporaryFile() throws Exception {
        Path f = dir.resolve("f");
        String failingMv = "mv() { return 7; }; ";
        ExecResult r =
                sh.exec(
                        failingMv + AtomicWrite.script(f.toString(), "0644", new byte[] {1, 2}),
                        new byte[] {1, 2},
                        Duration.ofSeconds(10));
        assertThat(r.rc()).isEqualTo(7);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesADirectoryAsDestination() throws Exception {
        ExecResult r =
                sh.exec(
                        AtomicWrite.script(dir.toString(), null, new byte[] {1}),
                        new byte[] {1},
                        Duration.ofSeconds(10));
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.stderr()).contains("is a directory");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aTruncatedUploadLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "old content\n");
        byte[] full = "new content, all of it\n".getBytes(StandardCharsets.UTF_8);
        byte[] half =
                java.util.Arrays.copyOf(
                        full, 7); // what the host sees when the controller dies mid-upload
        ExecResult r =
                sh.exec(AtomicWrite.script(f.toString(), null, full), half, Duration.ofSeconds(10));
        assertThat(r.rc()).isEqualTo(AtomicWrite.INCOMPLETE_RC);
        assertThat(r.stderr())
                .contains(
                        "incomplete: 7 of " + full.length + " bytes arrived; the old file is kept");
        assertThat(Files.readString(f)).isEqualTo("old content\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void aCorruptedUploadOfTheRightLengthIsRefused() throws Exception {
        byte[] want = "abcdef\n".getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("f");
        ExecResult r =
                sh.exec(
                        AtomicWrite.script(f.toString(), "0644", want),
                        "abcdeX\n".getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(10));
        assertThat(r.rc()).isEqualTo(AtomicWrite.INCOMPLETE_RC);
        assertThat(r.stderr()).contains("arrived corrupted (SHA-256 differs)");
        assertThat(f).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aHangUpWhileReadingRemovesTheTemporaryFile() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "old\n");
        // the script is killed with SIGHUP while cat still waits for input (stdin never ends)
        String script = AtomicWrite.script(f.toString(), null, new byte[100]);
        Process p = new ProcessBuilder("/bin/sh", "-c", script).start();
        p.getOutputStream().write(new byte[10]);
        p.getOutputStream().flush();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (tempFiles() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(tempFiles()).isEqualTo(1);
        new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
        p.getOutputStream().close();
        assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(tempFiles()).isZero();
        assertThat(Files.readString(f)).isEqualTo("old\n");
    }

    private long tempFiles() throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.filter(x -> x.getFileName().toString().contains(".ringmaster.")).count();
        }
    }

    @Test
    void theScriptChecksLengthAndSha256BeforeTheRename() {
        byte[] c = "x".getBytes(StandardCharsets.UTF_8);
        String s = AtomicWrite.script("/etc/x.conf", null, c);
        assertThat(s)
                .contains("-ne 1 ]")
                .contains(AtomicWrite.sha256(c))
                .contains("chown --reference=\"$D\"");
        assertThat(s.indexOf("sha256sum")).isLessThan(s.indexOf("mv -f"));
        assertThat(AtomicWrite.sha256(c))
                .isEqualTo("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
    }
}
