package io.ringmaster.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 items 9 and 11: inventory loading is bounded and linear; links, loops and ports are
 * checked at load.
 */
class InventorySafetyTest {
    @TempDir Path dir;

    @Test
    void aHundredThousandHostRangeLoadsFastAndLinearly() throws Exception {
        Path ini =
                Files.writeString(
                        dir.resolve("hosts.ini"), "[web]\nweb[000001:100000] ansible_user=root\n");
        long start = System.nanoTime();
        Inventory inventory = Inventory.load(List.of(ini.toString()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(inventory.hosts()).hasSize(100_000);
        assertThat(inventory.select("web").size()).isEqualTo(100_000);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void nestedRangesBeyondTheBoundAreRefusedWithThePosition() throws Exception {
        Path ini = Files.writeString(dir.resolve("hosts.ini"), "[web]\nr[1:1000]h[1:1000]\n");
        assertThatThrownBy(() -> Inventory.load(List.of(ini.toString())))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("hosts.ini:2")
                .hasMessageContaining("more than 100000 names");
    }

    @Test
    void aDuplicateKeyInGroupVarsIsRefusedWithBothPositionsNotSilentlyWon() throws Exception {
        Path gv = Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(gv.resolve("all.yml"), "vm_memory: 4096\nvcpus: 2\nvm_memory: 8192\n");
        Path ini = Files.writeString(dir.resolve("hosts.ini"), "web1\n");
        assertThatThrownBy(() -> Inventory.load(List.of(ini.toString())))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("all.yml:3:1")
                .hasMessageContaining(
                        "duplicate key 'vm_memory' (also written at line 1, column 1)");
    }

    @Test
    void aFiftyMegabyteVarsFileIsRefusedBeforeItIsRead() throws Exception {
        Path gv = Files.createDirectories(dir.resolve("group_vars"));
        try (var out = Files.newOutputStream(gv.resolve("all.yml"))) {
            byte[] line =
                    "k: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n"
                            .getBytes();
            for (int i = 0; i < 50 * 1024 * 1024 / line.length; i++) {
                out.write(line);
            }
        }
        Path ini = Files.writeString(dir.resolve("hosts.ini"), "web1\n");
        long start = System.nanoTime();
        assertThatThrownBy(() -> Inventory.load(List.of(ini.toString())))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("all.yml")
                .hasMessageContaining("too large");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anInventoryThatIsNotARegularFileIsRefused() {
        assertThatThrownBy(() -> Inventory.load(List.of("/dev/zero")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("/dev/zero");
    }

    @Test
    void aSymlinkLoopInGroupVarsIsAnErrorNamingIt() throws Exception {
        Path gv = Files.createDirectories(dir.resolve("group_vars"));
        Files.createSymbolicLink(gv.resolve("web.yml"), gv.resolve("web.yml"));
        Path ini = Files.writeString(dir.resolve("hosts.ini"), "[web]\nweb1\n");
        assertThatThrownBy(() -> Inventory.load(List.of(ini.toString())))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("group_vars/web.yml")
                .hasMessageContaining("symbolic link loop");
    }

    @Test
    void aDirectoryLinkBackToItsParentInGroupVarsIsAnErrorNamingIt() throws Exception {
        Path web = Files.createDirectories(dir.resolve("group_vars/web"));
        Files.writeString(web.resolve("a.yml"), "x: 1\n");
        Files.createSymbolicLink(web.resolve("again"), web);
        Path ini = Files.writeString(dir.resolve("hosts.ini"), "[web]\nweb1\n");
        assertThatThrownBy(() -> Inventory.load(List.of(ini.toString())))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("group_vars/web/again")
                .hasMessageContaining("symbolic link loop");
    }

    @Test
    void aDanglingLinkInHostVarsIsAnErrorNamingItsTarget() throws Exception {
        Path hv = Files.createDirectories(dir.resolve("host_vars"));
        Files.createSymbolicLink(hv.resolve("web1.yml"), dir.resolve("nowhere.yml"));
        Path ini = Files.writeString(dir.resolve("hosts.ini"), "[web]\nweb1\n");
        assertThatThrownBy(() -> Inventory.load(List.of(ini.toString())))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("host_vars/web1.yml")
                .hasMessageContaining("nowhere.yml, which does not exist");
    }

    @Test
    void aPortThatIsNotANumberIsCaughtAtLoadWithItsPosition() throws Exception {
        Path ini =
                Files.writeString(dir.resolve("hosts.ini"), "[web]\nweb1\nweb2 ansible_port=abc\n");
        assertThatThrownBy(() -> Inventory.load(List.of(ini.toString())))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("hosts.ini:3")
                .hasMessageContaining("ansible_port");
    }
}
