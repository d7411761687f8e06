package io.ringmaster.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.lab.LabExtension;
import io.ringmaster.lab.LabHost;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code virsh} that never answers, on one of three real sshd hosts (a PATH shim before the real
 * one): that host fails within the task's bound with "timed out", the other hosts finish, and
 * nothing of the shim is left running.
 */
class HungHostIT {
    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(3);

    private static final String SHIM =
            "#!/bin/sh\n# rms-hang: a libvirt that never answers\nsleep 100000\n";

    @AfterAll
    static void removeShim() {
        LAB.hosts().forEach(h -> h.exec("rm", "-f", "/usr/local/bin/virsh"));
    }

    @Test
    void aHungVirshTimesOutOnItsHostAloneAndLeavesNothingRunning() throws Exception {
        LabHost hung = LAB.hosts().get(1);
        hung.exec(
                "sh",
                "-c",
                "printf '%s' '"
                        + SHIM
                        + "' > /usr/local/bin/virsh && chmod 755 /usr/local/bin/virsh");
        Path pb =
                Lab.playbook(
                        LAB,
                        """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: preflight
                      preflight: {}
                      timeout: 4
                      ignore_errors: true
                    - name: list domains
                      shell: virsh -c qemu:///system list --name >/dev/null; echo listed
                      timeout: 4
                      changed_when: false
                """);
        Lab.Run r = Lab.inProcess(LAB, pb);
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        // two steps of 4 s on the hung host (plus 2 s of TERM-to-KILL grace at most each), not 2 x
        // 120 s
        assertThat(r.millis()).as(r.toString()).isLessThan(25_000);
        String out = r.out();
        assertThat(out)
                .contains("[" + hung.name() + "]")
                .contains("timed out after 4s on " + hung.name());
        assertThat(out)
                .contains("preflight on " + hung.name() + ": gathering the host's facts timed out");
        assertThat(out).contains("command on " + hung.name() + " timed out after 4s");
        for (LabHost h : LAB.hosts()) {
            if (h != hung) {
                assertThat(out)
                        .containsPattern(
                                h.name() + "\\s*: ok=2\\s+changed=0\\s+unreachable=0\\s+failed=0");
            }
        }
        assertThat(out)
                .containsPattern(
                        hung.name()
                                + "\\s*: ok=0\\s+changed=0\\s+unreachable=0\\s+failed=1\\s+"
                                + "skipped=0\\s+rescued=0\\s+ignored=1");
        Thread.sleep(500);
        assertThat(
                        hung.exec(
                                        "sh",
                                        "-c",
                                        "ps -eo pid,args | grep -E 'rms-hang|/usr/local/bin/virsh|sleep 100000'"
                                                + " | grep -v grep || true")
                                .strip())
                .as("processes left on " + hung.name())
                .isEmpty();
    }
}
