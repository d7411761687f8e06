package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.support.Backups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup step keeps the newest backups of one domain and never touches another domain's. It
 * runs DomainApply's own backup command against a backup directory in the test's temporary folder
 * (the module's is /var/lib/ringmaster/backups on the host).
 */
class BackupPruningTest {
    private static final String NAME = "rm-unit-prune";

    @TempDir Path bin;
    @TempDir Path dir;

    @Test
    void keepsTheNewestBackupsOfThisDomainOnly() throws Exception {
        for (int i = 10; i < 25; i++) {
            Files.writeString(dir.resolve(NAME + ".202611" + i + "T000000.000Z.xml"), "old");
        }
        Path other =
                Files.writeString(
                        dir.resolve(NAME + ".x.20261101T000000.000Z.xml"), "another domain");
        Path virsh = Files.writeString(bin.resolve("virsh"), "#!/bin/sh\necho '<domain/>'\n");
        virsh.toFile().setExecutable(true);
        String backup = Backups.inDir(dir.toString(), NAME);
        String script = "U=qemu:///system N=" + NAME + "; " + DomainApply.backupCommand(backup);
        Process p =
                new ProcessBuilder("/bin/sh", "-c", "PATH=" + bin + ":$PATH; " + script)
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        List<String> left;
        try (Stream<Path> files = Files.list(dir)) {
            left =
                    files.map(f -> f.getFileName().toString())
                            .filter(f -> f.startsWith(NAME + ".2"))
                            .sorted()
                            .toList();
        }
        assertThat(left).hasSize(DomainApply.BACKUPS_KEPT);
        assertThat(left).contains(Path.of(backup).getFileName().toString());
        assertThat(left.get(0)).isEqualTo(NAME + ".20261116T000000.000Z.xml");
        assertThat(other).exists();
    }
}
