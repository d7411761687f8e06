package io.ringmaster.connection;

import io.ringmaster.connection.local.LocalTransport;
import io.ringmaster.module.api.ExecResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The upload script, run by a real /bin/sh. */
class AtomicWriteTest {
    private final LocalTransport transport = new LocalTransport();
    private final Connection sh = transport.open(new ConnectionTarget("localhost", Map.of(),
            ConnectionOptions.defaults()));

    @TempDir
    Path dir;

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
        ExecResult r = sh.exec(AtomicWrite.script(f.toString(), "0600"), content, Duration.ofSeconds(10));
        assertThat(r.rc()).as(r.stderr()).isZero();
        assertThat(Files.readAllBytes(f)).isEqualTo(content);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void failingRenameRemovesTheTemporaryFile() throws Exception {
        Path f = dir.resolve("f");
        String failingMv = "mv() { return 7; }; ";
        ExecResult r = sh.exec(failingMv + AtomicWrite.script(f.toString(), "0644"), new byte[] {1, 2},
                Duration.ofSeconds(10));
        assertThat(r.rc()).isEqualTo(7);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesADirectoryAsDestination() throws Exception {
        ExecResult r = sh.exec(AtomicWrite.script(dir.toString(), null), new byte[] {1}, Duration.ofSeconds(10));
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.stderr()).contains("is a directory");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
