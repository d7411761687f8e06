package io.ringmaster.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lab itself: five real OpenSSH hosts answer a real ssh client with strict host key checking.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabSmokeIT {

    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(5);

    private record Result(int exit, String output) {}

    private static Result ssh(String user, LabHost host, String command)
            throws IOException, InterruptedException {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                "ssh",
                                "-F",
                                "/dev/null",
                                "-i",
                                LAB.privateKey().toString(),
                                "-o",
                                "UserKnownHostsFile=" + LAB.knownHosts(),
                                "-o",
                                "StrictHostKeyChecking=yes",
                                "-o",
                                "BatchMode=yes",
                                "-o",
                                "IdentitiesOnly=yes",
                                "-o",
                                "ConnectTimeout=5",
                                user + "@" + host.address(),
                                command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    @Order(1)
    void realSshClientLogsInToEveryHostAndEachLoginIsCounted() throws Exception {
        assertThat(LAB.hosts()).hasSize(5);
        for (LabHost h : LAB.hosts()) {
            assertThat(h.acceptedConnections()).as(h.toString()).isZero();
            Result r = ssh("root", h, "true");
            assertThat(r.exit()).as(h + ": " + r.output()).isZero();
            assertThat(h.acceptedConnections()).as(h.toString()).isEqualTo(1);
        }
    }

    @Test
    @Order(2)
    void virshInsideAHostReachesTheHostLibvirtd() {
        String out = LAB.hosts().get(0).exec("virsh", "-c", "qemu:///system", "version");
        assertThat(out).contains("Running hypervisor: QEMU");
    }

    @Test
    @Order(3)
    void filesDescribeEveryHostOnItsOwnLoopbackAddress() throws Exception {
        List<String> known = Files.readAllLines(LAB.knownHosts());
        assertThat(known).hasSize(5);
        assertThat(LAB.hosts())
                .extracting(LabHost::address)
                .doesNotHaveDuplicates()
                .allMatch(a -> a.startsWith("127.0."));
        String ini = Files.readString(LAB.inventory());
        assertThat(ini)
                .startsWith("[hypervisors]\n")
                .contains("lab5 ansible_host=" + LAB.hosts().get(4).address());
        String extra = Files.readString(LAB.writeInventory("[hypervisors:vars]\nforks=2"));
        assertThat(extra).startsWith(ini).endsWith("[hypervisors:vars]\nforks=2\n");
    }

    @Test
    @Order(4)
    void deployHasPasswordlessSudoAndSecureNeedsAPassword() throws Exception {
        LabHost h = LAB.hosts().get(1);
        assertThat(ssh("deploy", h, "sudo -n id -u").output().strip()).isEqualTo("0");
        assertThat(ssh("secure", h, "sudo -n true").exit()).isNotZero();
        Result withPassword = ssh("secure", h, "echo lab-sudo-pass | sudo -S -p '' id -u");
        assertThat(withPassword.output().strip()).isEqualTo("0");
    }

    @Test
    @Order(5)
    void execFailureCarriesStderr() {
        assertThatThrownBy(() -> LAB.hosts().get(2).exec("ls", "/nonexistent"))
                .hasMessageContaining("No such file");
    }

    @Test
    @Order(6)
    void changedHostKeyIsRejectedAndStoppedHostIsUnreachable() throws Exception {
        LabHost changed = LAB.hosts().get(3);
        String before = changed.hostKeyLine();
        changed.regenerateHostKey();
        assertThat(changed.hostKeyLine())
                .isNotEqualTo(before)
                .startsWith(changed.address() + " ssh-ed25519 ");
        Result r = ssh("root", changed, "true");
        assertThat(r.exit()).isEqualTo(255);
        assertThat(r.output()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");

        LabHost stopped = LAB.hosts().get(4);
        stopped.stop();
        Result down = ssh("root", stopped, "true");
        assertThat(down.exit()).isEqualTo(255);
        assertThat(down.output()).contains("Connection refused");
    }
}
