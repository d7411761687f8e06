package io.ringmaster.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.lab.LabExtension;
import io.ringmaster.lab.LabHost;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real runs writing the same template destination on a real sshd host: the second waits for the
 * first's lock on the host; one that may not wait long enough fails naming the holder, and nothing
 * is written by it.
 */
class HostLockIT {
    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(1);

    private static final String DEST = "/srv/rms-lock/app.conf";

    /** A slow disk: the upload's checksum takes 6 s, so the first run holds the lock that long. */
    private static final String SLOW_SHA = "#!/bin/sh\nsleep 6\nexec /usr/bin/sha256sum \"$@\"\n";

    private static String playbook(String lockTimeout) {
        return """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - template: {src: app.vm, dest: %s, lock_timeout: %s}
                """
                .formatted(DEST, lockTimeout);
    }

    @AfterEach
    void removeShim() {
        LAB.hosts().get(0).exec("rm", "-f", "/usr/local/bin/sha256sum");
    }

    /**
     * The lab host with {@code DEST} holding "old" and a slow checksum (the first writer holds the
     * lock for 6 s).
     */
    private static LabHost slowDiskWithOldFile() {
        LabHost h = LAB.hosts().get(0);
        h.exec("sh", "-c", "mkdir -p /srv/rms-lock && printf 'old\\n' > " + DEST);
        h.exec(
                "sh",
                "-c",
                "printf '%s' '"
                        + SLOW_SHA
                        + "' > /usr/local/bin/sha256sum && chmod 755 /usr/local/bin/sha256sum");
        return h;
    }

    /** Waits (30 s at most) until the lock file names {@code holder}: it has the lock. */
    private static void awaitLockHeldBy(LabHost h, Process holder, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!h.exec(
                        "sh",
                        "-c",
                        "cat /srv/rms-lock/.app.conf.ringmaster.lock 2>/dev/null || true")
                .contains("ringmaster pid " + holder.pid())) {
            assertThat(System.nanoTime())
                    .as("run " + holder.pid() + " took the lock: " + Lab.read(log))
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void aSecondRunWaitsForTheLockAndAThirdThatMayNotWaitFailsNamingTheHolder() throws Exception {
        LabHost h = slowDiskWithOldFile();
        Path a = Lab.playbook(LAB, playbook("60"), "app.vm", "written by A\n");
        Path b = Lab.playbook(LAB, playbook("60"), "app.vm", "written by B\n");
        Path c = Lab.playbook(LAB, playbook("1"), "app.vm", "written by C\n");
        Process first = Lab.jar(LAB, a, a.resolveSibling("a.log"));
        awaitLockHeldBy(h, first, a.resolveSibling("a.log"));
        // The slow checksum stays for B too: removing it here raced with A, which may hold the lock
        // before it reaches its own checksum (A then finished at once and C got the lock).
        Process second = Lab.jar(LAB, b, b.resolveSibling("b.log"));
        Lab.Run third = Lab.inProcess(LAB, c);
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String outA = Lab.read(a.resolveSibling("a.log"));
        String outB = Lab.read(b.resolveSibling("b.log"));

        assertThat(third.exit()).as(third.toString()).isEqualTo(2);
        assertThat(third.out())
                .contains("is locked by ringmaster pid " + first.pid())
                .contains("waited 1s")
                .contains("nothing was written");
        assertThat(first.exitValue()).as(outA).isZero();
        assertThat(outA).contains("changed: [lab1]");
        assertThat(second.exitValue()).as(outB).isZero();
        // B waited, read the file again under the lock, and changed A's content (not the old one it
        // first saw)
        assertThat(outB).contains("changed: [lab1]");
        assertThat(h.exec("cat", DEST)).isEqualTo("written by B\n");
        assertThat(h.exec("sh", "-c", "ls -a /srv/rms-lock"))
                .doesNotContainPattern("\\.ringmaster\\.[0-9a-f]");
    }

    @Test
    void lineinfileTakesTheSameLockAndRefusesAnEditOfAFileThatChangedWhileItWaited()
            throws Exception {
        LabHost h = slowDiskWithOldFile();
        Path a = Lab.playbook(LAB, playbook("60"), "app.vm", "written by A\n");
        Path edit =
                Lab.playbook(
                        LAB,
                        """
                        - hosts: all
                          gather_facts: false
                          tasks:
                            - lineinfile: {path: %s, line: added by B}
                        """
                                .formatted(DEST),
                        "unused.vm",
                        "");
        Process first = Lab.jar(LAB, a, a.resolveSibling("a.log"));
        awaitLockHeldBy(h, first, a.resolveSibling("a.log"));
        Lab.Run b = Lab.inProcess(LAB, edit);
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Lab.read(a.resolveSibling("a.log"))).isZero();
        assertThat(b.exit()).as(b.toString()).isEqualTo(2);
        assertThat(b.out()).contains("changed while this task was computing its edit");
        assertThat(h.exec("cat", DEST)).isEqualTo("written by A\n");
    }
}
