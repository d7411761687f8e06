package io.ringmaster.builtin.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.fixtures.FakeRemote;
import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.virt.Contexts;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleResult;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** service against a scripted systemd, package's apt and dnf parsing, sysctl's file edit. */
class SystemModulesTest {

    /**
     * Answers the service module's read script as a systemd host with the unit in the given state.
     */
    private static FakeRemote systemd(String active, boolean enabled) {
        return new FakeRemote(
                cmd -> {
                    Matcher m =
                            Pattern.compile("echo '(@@RM-[0-9a-f]+@@) BEGIN systemd'").matcher(cmd);
                    if (!m.find()) {
                        return new ExecResult(0, "", "", null);
                    }
                    String k = m.group(1);
                    String out =
                            k
                                    + " BEGIN systemd\n"
                                    + k
                                    + " END systemd 0\n"
                                    + k
                                    + " BEGIN show\nLoadState=loaded\nActiveState="
                                    + active
                                    + "\n"
                                    + k
                                    + " END show 0\n"
                                    + k
                                    + " BEGIN enabled\n"
                                    + (enabled ? "enabled" : "disabled")
                                    + "\n"
                                    + k
                                    + " END enabled "
                                    + (enabled ? 0 : 1)
                                    + "\n";
                    return new ExecResult(0, out, "", null);
                });
    }

    private static ModuleResult run(Module m, Map<String, Object> args, FakeRemote r, boolean check)
            throws Exception {
        return m.run(Contexts.of(m, args, r, check, false));
    }

    @Test
    void serviceStartsAndEnablesOnlyWhatDiffers() throws Exception {
        FakeRemote stopped = systemd("inactive", false);
        ModuleResult r =
                run(
                        new ServiceModule(),
                        Map.of("name", "libvirtd", "state", "started", "enabled", true),
                        stopped,
                        false);
        assertThat(r).isInstanceOf(ModuleResult.Changed.class);
        assertThat(stopped.lastCommand())
                .contains("systemctl enable libvirtd")
                .contains("systemctl start libvirtd");
        FakeRemote running = systemd("active", true);
        assertThat(
                        run(
                                new ServiceModule(),
                                Map.of("name", "libvirtd", "state", "started", "enabled", true),
                                running,
                                false))
                .isInstanceOf(ModuleResult.Ok.class);
        assertThat(running.calls()).hasSize(1);
        FakeRemote check = systemd("active", true);
        ModuleResult restart =
                run(
                        new ServiceModule(),
                        Map.of("name", "libvirtd", "state", "restarted"),
                        check,
                        true);
        assertThat(restart.msg()).contains("would run: systemctl restart libvirtd");
        assertThat(check.calls()).hasSize(1);
    }

    @Test
    void serviceWithoutSystemdSaysSo() throws Exception {
        FakeRemote none = FakeRemote.answering(0, "", "");
        ModuleResult r =
                run(new ServiceModule(), Map.of("name", "x", "state", "started"), none, false);
        assertThat(r.msg()).contains("does not run systemd");
    }

    @Test
    void aptAndDnfQueriesParse() {
        Map<String, PackageBackend.State> apt =
                PackageBackend.APT.parse(
                        "qemu-utils installed 1:7.2+dfsg-7\nfio config-files 3.33-3\n@@policy\nqemu-utils:\n"
                                + "  Installed: 1:7.2+dfsg-7\n  Candidate: 1:7.2+dfsg-8\nfio:\n  Installed: (none)\n"
                                + "  Candidate: 3.33-3\n",
                        List.of("qemu-utils", "fio"));
        assertThat(apt.get("qemu-utils"))
                .isEqualTo(new PackageBackend.State(true, "1:7.2+dfsg-7", true));
        assertThat(apt.get("fio").installed()).isFalse();
        assertThat(PackageModule.todo("latest", apt)).containsExactly("qemu-utils", "fio");
        assertThat(PackageModule.todo("absent", apt)).containsExactly("qemu-utils");
        Map<String, PackageBackend.State> dnf =
                PackageBackend.DNF.parse(
                        "qemu-kvm installed 8.2.0-11.el9\n@@policy\nqemu-kvm.x86_64   17:9.0.0-1.el9   appstream\n",
                        List.of("qemu-kvm", "fio"));
        assertThat(dnf.get("qemu-kvm"))
                .isEqualTo(new PackageBackend.State(true, "8.2.0-11.el9", true));
        assertThat(PackageModule.todo("present", dnf)).containsExactly("fio");
    }

    @Test
    void sysctlEditKeepsAnEqualLineAndReplacesDuplicates() {
        assertThat(SysctlModule.edit("# c\nvm.swappiness = 10\n", "vm.swappiness", "10", true))
                .isEqualTo("# c\nvm.swappiness = 10\n");
        assertThat(
                        SysctlModule.edit(
                                "vm.swappiness=60\nx=1\nvm.swappiness=5\n",
                                "vm.swappiness",
                                "10",
                                true))
                .isEqualTo("vm.swappiness=10\nx=1\n");
        assertThat(SysctlModule.edit("x=1", "vm.swappiness", "10", true))
                .isEqualTo("x=1\nvm.swappiness=10\n");
        assertThat(SysctlModule.edit("vm.swappiness=60\nx=1\n", "vm.swappiness", "", false))
                .isEqualTo("x=1\n");
        assertThat(SysctlModule.proc("net.ipv4.ip_forward"))
                .isEqualTo("/proc/sys/net/ipv4/ip_forward");
    }

    @Test
    void sectionsMarkerIsRandom() {
        assertThat(Sections.script().marker()).isNotEqualTo(Sections.script().marker());
    }
}
