package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ringmaster.builtin.fixtures.LocalRemote;
import io.ringmaster.module.api.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * virt_domain against the REAL local libvirtd + QEMU/KVM (commands run through {@link
 * LocalRemote}). Domains are named rm-it-*, disks are 16M raw files under
 * /var/lib/libvirt/images/ringmaster-it/; never waits for a guest.
 */
class VirtDomainIT {
    static final String URI = "qemu:///system";
    static final Path IMAGES = Path.of("/var/lib/libvirt/images/ringmaster-it");

    private final LocalRemote remote = new LocalRemote();
    private final List<String> created = new ArrayList<>();

    @BeforeAll
    static void libvirt() throws Exception {
        LocalRemote r = new LocalRemote();
        if (!r.exec("virsh -c " + URI + " version").ok()) {
            r.exec("(virtlogd -d; libvirtd -d) >/dev/null 2>&1; sleep 2");
        }
        r.exec("[ -w /dev/kvm ] && [ \"$(stat -c %a /dev/kvm)\" = 666 ] || chmod 666 /dev/kvm");
        assumeThat(r.exec("virsh -c " + URI + " version").ok()).as("libvirtd reachable").isTrue();
        Files.createDirectories(IMAGES);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String n : created) {
            String q = io.ringmaster.module.api.Shell.quote(n);
            remote.exec(
                    "virsh -c "
                            + URI
                            + " destroy --domain "
                            + q
                            + " >/dev/null 2>&1; virsh -c "
                            + URI
                            + " undefine --domain "
                            + q
                            + " >/dev/null 2>&1; true");
        }
        remote.exec("rm -f /var/lib/ringmaster/backups/rm-it-*");
    }

    String domain(String suffix) throws Exception {
        String name = "rm-it-" + suffix;
        created.add(name);
        cleanUp();
        Path disk = IMAGES.resolve(suffix.replaceAll("[^a-z0-9-]", "_") + ".raw");
        if (!Files.exists(disk)) {
            assertThat(remote.exec("qemu-img create -f raw " + disk + " 16M").ok()).isTrue();
        }
        return name;
    }

    static Map<String, Object> vars(String name, int memMib) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("memory_mib", memMib);
        v.put("vcpus", 2);
        v.put("vcpu_pins", List.of("0", "1"));
        v.put("emulator_cpuset", "0");
        v.put("iothreads", List.of(Map.of("cpuset", "1")));
        String file = name.substring("rm-it-".length()).replaceAll("[^a-z0-9-]", "_");
        v.put(
                "disks",
                List.of(
                        Map.of(
                                "path",
                                IMAGES.resolve(file + ".raw").toString(),
                                "dev",
                                "vda",
                                "format",
                                "raw",
                                "iothread",
                                1)));
        return v;
    }

    private ModuleResult run(
            String name, Map<String, Object> vars, Map<String, Object> extra, boolean check)
            throws Exception {
        Map<String, Object> args = new HashMap<>(extra);
        args.put("name", name);
        args.putIfAbsent("template", "domain-io_uring.xml.vm");
        args.put("vars", vars);
        VirtDomainModule m = new VirtDomainModule();
        return m.run(Contexts.of(m, args, remote, check, true));
    }

    private String sh(String cmd) throws Exception {
        return remote.exec(cmd).stdout();
    }

    String dumpxml(String name) throws Exception {
        return sh(
                "virsh -c "
                        + URI
                        + " dumpxml --inactive --domain "
                        + io.ringmaster.module.api.Shell.quote(name));
    }

    @Test
    void definesOnceThenReportsNoChangeInOneExec() throws Exception {
        String n = domain("idem");
        ModuleResult first = run(n, vars(n, 128), Map.of(), false);
        assertThat(first).as(first.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(first.data()).containsEntry("restart_required", false);
        assertThat(dumpxml(n))
                .contains(
                        "io='io_uring'",
                        "cache='none'",
                        "discard='unmap'",
                        "detect_zeroes='unmap'",
                        "iothread='1'",
                        "<iothreadpin iothread='1' cpuset='1'/>",
                        "<memory unit='KiB'>131072</memory>");
        remote.clear();
        ModuleResult second = run(n, vars(n, 128), Map.of(), false);
        assertThat(second).as(second.msg()).isInstanceOf(ModuleResult.Ok.class);
        assertThat(remote.commands()).as("the no-change run is one exec").hasSize(1);
        remote.clear();
        ModuleResult defined = run(n, vars(n, 128), Map.of("state", "defined"), false);
        assertThat(defined).as(defined.msg()).isInstanceOf(ModuleResult.Ok.class);
        assertThat(remote.commands()).as("state=defined, already defined: one exec").hasSize(1);
    }

    @Test
    void changesAreDetectedShownAppliedAndCheckModeChangesNothing() throws Exception {
        String n = domain("change");
        run(n, vars(n, 128), Map.of(), false);
        String uuid = sh("virsh -c " + URI + " domuuid --domain " + n).trim();

        Map<String, Object> bigger = vars(n, 256);
        bigger.put("vcpus", 1);
        bigger.put("vcpu_pins", List.of("1"));
        ModuleResult check = run(n, bigger, Map.of(), true);
        assertThat(check).isInstanceOf(ModuleResult.Changed.class);
        assertThat(check.msg()).startsWith("would:").contains("memory: '131072' -> '262144'");
        assertThat(((ModuleResult.Changed) check).diff().unified())
                .contains("+  <memory unit=\"KiB\">262144</memory>");
        assertThat(dumpxml(n)).contains("<memory unit='KiB'>131072</memory>");

        ModuleResult apply = run(n, bigger, Map.of(), false);
        assertThat(apply).as(apply.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(((ModuleResult.Changed) apply).diff().unified())
                .contains(
                        "-  <memory unit=\"KiB\">131072</memory>",
                        "+  <memory unit=\"KiB\">262144</memory>",
                        "-    <vcpupin cpuset=\"0\" vcpu=\"0\"/>");
        String xml = dumpxml(n);
        assertThat(xml)
                .contains(
                        "<memory unit='KiB'>262144</memory>",
                        "<vcpu placement='static'>1</vcpu>",
                        "<vcpupin vcpu='0' cpuset='1'/>",
                        "<uuid>" + uuid + "</uuid>")
                .doesNotContain("vcpu='1'");
        assertThat(apply.data().get("backup").toString())
                .startsWith("/var/lib/ringmaster/backups/" + n + ".");
        assertThat(Path.of(apply.data().get("backup").toString())).exists();
        assertThat(run(n, bigger, Map.of(), false)).isInstanceOf(ModuleResult.Ok.class);

        // drift made behind our back (cache=writeback) is detected and corrected
        remote.exec(
                "virsh -c "
                        + URI
                        + " dumpxml --inactive --domain "
                        + n
                        + " | sed \"s/cache='none'/cache='writeback'/\""
                        + " > /tmp/"
                        + n
                        + ".xml && virsh -c "
                        + URI
                        + " define /tmp/"
                        + n
                        + ".xml && rm -f /tmp/"
                        + n
                        + ".xml");
        assertThat(dumpxml(n)).contains("cache='writeback'");
        ModuleResult fix = run(n, bigger, Map.of(), false);
        assertThat(fix.msg()).contains("devices/disk[vda]/driver/@cache: 'writeback' -> 'none'");
        assertThat(dumpxml(n)).contains("cache='none'");
    }

    @Test
    void runningDomainGetsIoUringAndLivePinningWithoutRestart() throws Exception {
        String n = domain("live");
        Map<String, Object> v = vars(n, 128);
        ModuleResult started = run(n, v, Map.of("state", "running"), false);
        assertThat(started).as(started.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(sh("virsh -c " + URI + " domstate --domain " + n).trim()).isEqualTo("running");
        String id = sh("virsh -c " + URI + " domid --domain " + n).trim();
        String pid = sh("cat /run/libvirt/qemu/" + n + ".pid").trim();
        String cmdline = sh("tr '\\0' ' ' < /proc/" + pid + "/cmdline");
        assertThat(cmdline)
                .contains(
                        "\"aio\":\"io_uring\"",
                        "\"qom-type\":\"iothread\"",
                        "\"iothread\":\"iothread1\"");
        assertThat(run(n, v, Map.of("state", "running"), false))
                .isInstanceOf(ModuleResult.Ok.class);

        Map<String, Object> repinned = vars(n, 128);
        repinned.put("vcpu_pins", List.of("1", "0"));
        repinned.put("emulator_cpuset", "1");
        repinned.put("iothreads", List.of(Map.of("cpuset", "0")));
        ModuleResult pin = run(n, repinned, Map.of("state", "running"), false);
        assertThat(pin).as(pin.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(pin.data()).containsEntry("restart_required", false);
        assertThat(pin.msg()).contains("vcpupin vcpu 0 -> 1 (live and config)");
        assertThat(sh("virsh -c " + URI + " domid --domain " + n).trim()).isEqualTo(id);
        assertThat(sh("virsh -c " + URI + " vcpupin --domain " + n))
                .containsPattern("0\\s+1\\s*\\n\\s*1\\s+0");
        assertThat(sh("virsh -c " + URI + " emulatorpin --domain " + n))
                .containsPattern("\\*:\\s+1");
        assertThat(sh("virsh -c " + URI + " iothreadinfo --domain " + n)).containsPattern("1\\s+0");
        assertThat(dumpxml(n))
                .contains("<vcpupin vcpu='0' cpuset='1'/>", "<emulatorpin cpuset='1'/>");
        assertThat(run(n, repinned, Map.of("state", "running"), false))
                .isInstanceOf(ModuleResult.Ok.class);

        // memory needs a restart: reported, and done with restart=if_needed
        ModuleResult mem = run(n, vars(n, 192), Map.of("state", "running"), false);
        assertThat(mem.data()).containsEntry("restart_required", true);
        assertThat(mem.msg()).contains("restart required: memory");
        ModuleResult again = run(n, vars(n, 192), Map.of("state", "running"), false);
        assertThat(again).isInstanceOf(ModuleResult.Ok.class);
        assertThat(again.data()).containsEntry("restart_required", true);
        ModuleResult restarted =
                run(
                        n,
                        vars(n, 192),
                        Map.of("state", "running", "restart", "if_needed", "shutdown_timeout", 1),
                        false);
        assertThat(restarted).as(restarted.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(sh("virsh -c " + URI + " domid --domain " + n).trim()).isNotEqualTo(id);
        assertThat(sh("virsh -c " + URI + " dumpxml --domain " + n))
                .contains("<memory unit='KiB'>196608</memory>");
        ModuleResult settled = run(n, vars(n, 192), Map.of("state", "running"), false);
        assertThat(settled).isInstanceOf(ModuleResult.Ok.class);
        assertThat(settled.data()).containsEntry("restart_required", false);
    }

    @Test
    void pollingIsPendingWhileShutOffAndAppliedLiveWhenRunning() throws Exception {
        String n = domain("poll");
        Map<String, Object> v = vars(n, 128);
        v.put(
                "iothreads",
                List.of(
                        Map.of(
                                "cpuset",
                                "1",
                                "poll_max_ns",
                                16384,
                                "poll_grow",
                                2,
                                "poll_shrink",
                                4)));
        ModuleResult defined = run(n, v, Map.of(), false);
        assertThat(defined).as(defined.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(defined.data()).containsEntry("polling", "pending until start");
        assertThat(defined.msg())
                .contains(
                        "dropped <iothreadids><iothread id='1'><poll",
                        "pending until the domain starts");
        assertThat(run(n, v, Map.of(), false)).isInstanceOf(ModuleResult.Ok.class);

        ModuleResult started = run(n, v, Map.of("state", "running"), false);
        assertThat(started).as(started.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(started.msg())
                .contains("iothread 1 polling max 16384 ns grow 2 shrink 4 (live, after start)");
        assertThat(sh("virsh -c " + URI + " domstats --iothread --domain " + n))
                .contains(
                        "iothread.1.poll-max-ns=16384",
                        "iothread.1.poll-grow=2",
                        "iothread.1.poll-shrink=4");
        ModuleResult held = run(n, v, Map.of("state", "running"), false);
        assertThat(held).isInstanceOf(ModuleResult.Ok.class);
        assertThat(held.data()).containsEntry("polling", "held");

        v.put(
                "iothreads",
                List.of(
                        Map.of(
                                "cpuset",
                                "1",
                                "poll_max_ns",
                                65536,
                                "poll_grow",
                                2,
                                "poll_shrink",
                                4)));
        ModuleResult live = run(n, v, Map.of("state", "running"), false);
        assertThat(live.msg()).contains("iothread 1 polling max 65536 ns grow 2 shrink 4 (live)");
        assertThat(live.data()).containsEntry("restart_required", false);
        assertThat(sh("virsh -c " + URI + " domstats --iothread --domain " + n))
                .contains("iothread.1.poll-max-ns=65536");
    }

    @Test
    void hostileNamesAreQuotedOrRefusedAndNothingIsExecuted() throws Exception {
        remote.exec("rm -f rm-pwned rm-pwned2 /tmp/rm-pwned");
        String n = "rm-it-x'; touch rm-pwned; $(touch rm-pwned2) \"'";
        created.add(n);
        Files.createDirectories(IMAGES);
        remote.exec("qemu-img create -f raw " + IMAGES.resolve("hostile.raw") + " 16M");
        Map<String, Object> v = vars(n, 128);
        v.put(
                "disks",
                List.of(
                        Map.of(
                                "path",
                                IMAGES.resolve("hostile.raw").toString(),
                                "dev",
                                "vda",
                                "format",
                                "raw")));
        ModuleResult r = run(n, v, Map.of(), false);
        assertThat(r).as(r.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(Path.of("rm-pwned")).doesNotExist();
        assertThat(Path.of("rm-pwned2")).doesNotExist();
        assertThat(sh("virsh -c " + URI + " list --all --name")).contains(n);
        assertThat(run(n, v, Map.of(), false)).isInstanceOf(ModuleResult.Ok.class);
        ModuleResult gone = run(n, v, Map.of("state", "undefined"), false);
        assertThat(gone).as(gone.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(sh("virsh -c " + URI + " list --all --name")).doesNotContain(n);
        assertThat(Path.of("rm-pwned")).doesNotExist();
        assertThat(Path.of("rm-pwned2")).doesNotExist();

        remote.clear();
        String evil = "a</name><evil/>";
        ModuleResult refused = run(evil, vars(evil, 128), Map.of(), false);
        assertThat(refused).isInstanceOf(ModuleResult.Failed.class);
        assertThat(refused.msg()).contains("contains '/'");
        assertThat(remote.commands()).isEmpty();
        assertThat(new VirtDomainModule().validate(Map.of("name", evil, "template", "t")))
                .hasSize(1);
    }

    @Test
    void undefineKeepsABackupAndIsIdempotent() throws Exception {
        String n = domain("undef");
        run(n, vars(n, 128), Map.of("state", "running"), false);
        ModuleResult check = run(n, vars(n, 128), Map.of("state", "undefined"), true);
        assertThat(check).isInstanceOf(ModuleResult.Changed.class);
        assertThat(sh("virsh -c " + URI + " domstate --domain " + n).trim()).isEqualTo("running");
        ModuleResult gone = run(n, vars(n, 128), Map.of("state", "undefined"), false);
        assertThat(gone).as(gone.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(Files.readString(Path.of(gone.data().get("backup").toString())))
                .contains("<name>" + n + "</name>");
        assertThat(run(n, vars(n, 128), Map.of("state", "undefined"), false))
                .isInstanceOf(ModuleResult.Ok.class);
    }
}
