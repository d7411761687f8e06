package io.ringmaster.playbook;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 9: a playbook that never ends, or is far too large, is refused before it is read
 * whole.
 */
class PlaybookLoadBoundsTest {
    @TempDir Path dir;

    @Test
    void playDevZeroIsRefusedAfterABoundedRead() {
        assertThatThrownBy(() -> PlaybookLoader.load(Path.of("/dev/zero")))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("/dev/zero")
                .hasMessageContaining("too large (more than 8388608 bytes; the limit is 8 MiB)");
    }

    @Test
    void aHugeVarsFileIsRefusedBySize() throws Exception {
        Path vars = dir.resolve("big.yml");
        try (var f = new java.io.RandomAccessFile(vars.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }
        assertThatThrownBy(() -> PlaybookLoader.loadVarsFile(vars))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("big.yml")
                .hasMessageContaining("too large (52428800 bytes");
    }

    @Test
    void aDirectoryGivenAsPlaybookIsNamed() throws Exception {
        assertThatThrownBy(() -> PlaybookLoader.load(Files.createDirectories(dir.resolve("pb"))))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("directory");
    }
}
