package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.fixtures.TestExpressions;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Remote;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreflightTest {

    /** A remote that must not be used: facts are already known. */
    static final Remote NO_REMOTE =
            new Remote() {
                @Override
                public ExecResult exec(String command, byte[] stdin, Duration timeout) {
                    throw new AssertionError("no exec expected, got: " + command);
                }

                @Override
                public void upload(byte[] content, String path, String mode) {
                    throw new AssertionError("no upload expected");
                }

                @Override
                public boolean isLocal() {
                    return false;
                }
            };

    static Map<String, Object> goodFacts() {
        Map<String, Object> f = new HashMap<>();
        f.put("kernel", "6.8.0-45-generic");
        f.put("kernel_version", "6.8.0");
        f.put("io_uring_disabled", 0);
        f.put("kvm_present", true);
        f.put("qemu_version", "8.2.2");
        f.put("libvirt_version", "10.0.0");
        f.put("libvirt_reachable", true);
        f.put("libvirt_uri", "qemu:///system");
        return f;
    }

    private static ModuleResult run(Map<String, Object> facts) throws Exception {
        PreflightModule p = new PreflightModule();
        return p.run(
                Contexts.of(
                        p,
                        Map.of(),
                        Map.of("ansible_facts", facts),
                        NO_REMOTE,
                        List.of(TestExpressions.projectTemplates()),
                        false,
                        false));
    }

    @Test
    void passesOnAGoodHostWithoutAnyExec() throws Exception {
        ModuleResult r = run(goodFacts());
        assertThat(r).isInstanceOf(ModuleResult.Ok.class);
        assertThat(r.msg()).contains("kernel 6.8.0-45-generic", "QEMU 8.2.2", "libvirt 10.0.0");
    }

    @Test
    void listsEveryFailedCheckInOneMessage() throws Exception {
        Map<String, Object> f = goodFacts();
        f.put("kernel", "4.18.0-553.el8_10.x86_64");
        f.put("qemu_version", "4.2.1");
        f.put("io_uring_disabled", 2);
        f.put("kvm_present", false);
        f.put("libvirt_version", "6.0.0");
        ModuleResult r = run(f);
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg())
                .contains("preflight failed on testhost (5 checks)")
                .contains(
                        "kernel 4.18.0-553.el8_10.x86_64 is older than 5.10: io_uring needs >= 5.10; upgrade the kernel "
                                + "or exclude this host with --limit '!testhost'")
                .contains("QEMU 4.2.1 is older than 5.0")
                .contains("kernel.io_uring_disabled = 2", "sysctl -w kernel.io_uring_disabled=0")
                .contains("/dev/kvm is missing on testhost")
                .contains("libvirt 6.0.0 is older than 6.3");
        assertThat((List<?>) r.data().get("failed_checks")).hasSize(5);
    }

    @Test
    void onlyVirshFailingIsNotReportedAsQemuNotFound() throws Exception {
        Map<String, Object> f = goodFacts();
        f.put("qemu_version", "");
        f.put("libvirt_reachable", false);
        f.put("libvirt_version", "");
        ModuleResult r = run(f);
        assertThat(r.msg())
                .contains(
                        "libvirt unreachable on testhost",
                        "'virsh -c qemu:///system version' failed",
                        "QEMU version unknown on testhost",
                        "fix libvirt first")
                .doesNotContain("QEMU not found");
    }

    @Test
    void aMissingQemuWithLibvirtReachableIsQemuNotFound() throws Exception {
        Map<String, Object> f = goodFacts();
        f.put("qemu_version", "");
        ModuleResult r = run(f);
        assertThat(r.msg())
                .contains("QEMU not found on testhost")
                .doesNotContain("libvirt unreachable");
    }

    @Test
    void validateRejectsNonVersions() {
        assertThat(new PreflightModule().validate(Map.of("min_kernel", "five"))).hasSize(1);
        assertThat(new PreflightModule().validate(Map.of("min_kernel", "5.15", "min_qemu", "${x}")))
                .isEmpty();
    }

    @Test
    void aHungFactGatheringSaysTimedOutNotMissingTools() throws Exception {
        Remote hung =
                new Remote() {
                    @Override
                    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
                        assertThat(timeout).isEqualTo(Duration.ofSeconds(3));
                        return new ExecResult(
                                124,
                                "",
                                ExecResult.TIMED_OUT
                                        + "3s on testhost (running: U=...); it and its"
                                        + " process group were killed on the host\n",
                                "KILL");
                    }

                    @Override
                    public void upload(byte[] content, String path, String mode) {}

                    @Override
                    public boolean isLocal() {
                        return false;
                    }
                };
        PreflightModule p = new PreflightModule();
        ModuleResult r =
                p.run(
                        Contexts.of(
                                p,
                                Map.of(),
                                Map.of(),
                                Remote.bounded(hung, Duration.ofSeconds(3)),
                                List.of(TestExpressions.projectTemplates()),
                                false,
                                false));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg())
                .contains(
                        "preflight on testhost: gathering the host's facts timed out after 3s on testhost")
                .contains("hung virsh")
                .doesNotContain("QEMU not found")
                .doesNotContain("libvirt unreachable");
    }
}
