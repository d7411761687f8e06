package io.ringmaster.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.lab.LabExtension;
import io.ringmaster.lab.LabHost;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads on real sshd hosts: a controller killed with SIGKILL, or a connection dropped, in the
 * middle of a large template leaves the old file (never a truncated one) and no temporary file; an
 * existing file keeps its owner and group; a full disk leaves no 0-byte backup and says so in the
 * system's words.
 */
class UploadSafetyIT {
    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(2);

    static final String DIR = "/srv/rms-upload";
    static final String BIG =
            """
            #foreach($i in [1..$lines])line $i of a large template, long enough to take a while over ssh ..........
            #end""";

    private static String bigPlaybook(String dest, int lines) {
        return """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: big file
                      template: {src: big.vm, dest: %s}
                      vars: {lines: %d}
                """
                .formatted(dest, lines);
    }

    private static String onHost(LabHost h, String sh) {
        return h.exec("sh", "-c", sh);
    }

    private static void oldFile(LabHost h, String name) {
        onHost(
                h,
                "mkdir -p "
                        + DIR
                        + " && rm -f "
                        + DIR
                        + "/."
                        + name
                        + ".ringmaster.* && printf 'old\\n' > "
                        + DIR
                        + "/"
                        + name);
    }

    /**
     * Waits on the host (no polling over docker exec) until the upload's temporary file has some
     * bytes.
     */
    private static CompletableFuture<String> whenUploading(LabHost h, String name) {
        return CompletableFuture.supplyAsync(
                () ->
                        onHost(
                                h,
                                "i=0; while [ $i -lt 6000 ]; do for f in "
                                        + DIR
                                        + "/."
                                        + name
                                        + ".ringmaster.[0-9a-f]*; do [ -s \"$f\" ] && { echo \"$f\"; exit 0; }; done; i=$((i+1));"
                                        + " sleep 0.01; done; echo never"));
    }

    private static String leftovers(LabHost h, String name) {
        return onHost(
                        h,
                        "ls -a "
                                + DIR
                                + " | grep -F ."
                                + name
                                + ".ringmaster. | grep -v '\\.lock$' || true")
                .strip();
    }

    private static String waitForNoLeftovers(LabHost h, String name) throws InterruptedException {
        String left = leftovers(h, name);
        for (int i = 0; i < 50 && !left.isEmpty(); i++) {
            Thread.sleep(100);
            left = leftovers(h, name);
        }
        return left;
    }

    @Test
    void killingTheControllerMidUploadLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        LabHost h = LAB.hosts().get(0);
        oldFile(h, "kill9.conf");
        Path pb = Lab.playbook(LAB, bigPlaybook(DIR + "/kill9.conf", 400_000), "big.vm", BIG);
        CompletableFuture<String> uploading = whenUploading(h, "kill9.conf");
        Path log = pb.resolveSibling("run.log");
        Process p = Lab.jar(LAB, pb, log, "--limit", h.name());
        String tmp = uploading.get(90, TimeUnit.SECONDS);
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up on the controller
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tmp).as("the upload was seen in progress: " + Lab.read(log)).startsWith(DIR);
        assertThat(onHost(h, "cat " + DIR + "/kill9.conf"))
                .as("the destination after kill -9")
                .isEqualTo("old\n");
        assertThat(waitForNoLeftovers(h, "kill9.conf"))
                .as("temporary files left on the host")
                .isEmpty();

        Lab.Run again =
                Lab.inProcess(
                        LAB,
                        Lab.playbook(LAB, bigPlaybook(DIR + "/kill9.conf", 400_000), "big.vm", BIG),
                        "--limit",
                        h.name());
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(onHost(h, "wc -l < " + DIR + "/kill9.conf").strip()).isEqualTo("400000");
    }

    @Test
    void aConnectionDroppedMidUploadLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        LabHost h = LAB.hosts().get(1);
        oldFile(h, "drop.conf");
        Path pb = Lab.playbook(LAB, bigPlaybook(DIR + "/drop.conf", 400_000), "big.vm", BIG);
        CompletableFuture<String> uploading = whenUploading(h, "drop.conf");
        CompletableFuture<Lab.Run> run =
                CompletableFuture.supplyAsync(() -> Lab.inProcess(LAB, pb, "--limit", h.name()));
        String tmp = uploading.get(90, TimeUnit.SECONDS);
        // sshd's per-connection processes die: the host sees the end of its input, as when a
        // network drops
        onHost(h, "pkill -KILL -f '^sshd: root' || true");
        Lab.Run r = run.get(120, TimeUnit.SECONDS);
        assertThat(tmp).as("the upload was seen in progress: " + r).startsWith(DIR);
        assertThat(r.exit()).as(r.toString()).isIn(2, 3);
        assertThat(onHost(h, "cat " + DIR + "/drop.conf"))
                .as("the destination after the drop")
                .isEqualTo("old\n");
        assertThat(waitForNoLeftovers(h, "drop.conf"))
                .as("temporary files left on the host")
                .isEmpty();
    }

    @Test
    void anExistingFileKeepsItsOwnerAndGroup() throws Exception {
        LabHost h = LAB.hosts().get(0);
        onHost(
                h,
                "mkdir -p "
                        + DIR
                        + " && printf 'old\\n' > "
                        + DIR
                        + "/owned.conf && chown deploy:secure "
                        + DIR
                        + "/owned.conf && chmod 640 "
                        + DIR
                        + "/owned.conf");
        Path pb =
                Lab.playbook(
                        LAB,
                        """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - template: {src: small.vm, dest: %s/owned.conf}
                """
                                .formatted(DIR),
                        "small.vm",
                        "new on $inventory_hostname\n");
        Lab.Run r = Lab.inProcess(LAB, pb, "--limit", h.name());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("changed: [" + h.name() + "]");
        assertThat(onHost(h, "stat -c '%U %G %a' " + DIR + "/owned.conf").strip())
                .isEqualTo("deploy secure 640");
        assertThat(onHost(h, "cat " + DIR + "/owned.conf")).isEqualTo("new on " + h.name() + "\n");
    }

    @Test
    void aFullDiskLeavesNoEmptyBackupAndNoJavaNamesInTheMessage() throws Exception {
        LabHost h = LAB.hosts().get(1);
        String tiny = LabExtension.TINY_DIR;
        onHost(
                h,
                "rm -f "
                        + tiny
                        + "/* "
                        + tiny
                        + "/.[!.]*; head -c 200000 /dev/zero | tr '\\0' x > "
                        + tiny
                        + "/app.conf; dd if=/dev/zero of="
                        + tiny
                        + "/fill bs=4k 2>/dev/null; sync; true");
        Path pb =
                Lab.playbook(
                        LAB,
                        """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - template: {src: small.vm, dest: %s/app.conf, backup: true}
                """
                                .formatted(tiny),
                        "small.vm",
                        "new content\n");
        Lab.Run withBackup = Lab.inProcess(LAB, pb, "--limit", h.name());
        assertThat(withBackup.exit()).as(withBackup.toString()).isEqualTo(2);
        assertThat(withBackup.out())
                .contains("cannot back up")
                .contains("No space left on device")
                .doesNotContain("Exception")
                .doesNotContain("java.");
        assertThat(onHost(h, "ls -a " + tiny))
                .doesNotContain(".bak")
                .doesNotContainPattern("\\.ringmaster\\.[0-9a-f]");
        assertThat(onHost(h, "wc -c < " + tiny + "/app.conf").strip()).isEqualTo("200000");

        // without a backup the upload itself meets the full disk (the new file is larger than what
        // is left)
        onHost(h, "rm -f " + tiny + "/fill; head -c 300000 /dev/zero > " + tiny + "/fill || true");
        Path big =
                Lab.playbook(
                        LAB,
                        """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - template: {src: big.vm, dest: %s/app.conf}
                      vars: {lines: 20000}
                """
                                .formatted(tiny),
                        "big.vm",
                        BIG);
        Lab.Run full = Lab.inProcess(LAB, big, "--limit", h.name());
        assertThat(full.exit()).as(full.toString()).isEqualTo(2);
        assertThat(full.out())
                .contains("No space left on device")
                .doesNotContain("Exception")
                .doesNotContain("java.");
        assertThat(onHost(h, "ls -a " + tiny))
                .doesNotContainPattern("\\.ringmaster\\.[0-9a-f]")
                .doesNotContain(".bak");
        assertThat(onHost(h, "wc -c < " + tiny + "/app.conf").strip()).isEqualTo("200000");
    }
}
