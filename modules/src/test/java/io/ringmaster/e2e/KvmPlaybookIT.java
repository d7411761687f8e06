package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.cli.Main;
import io.ringmaster.lab.LabExtension;
import io.ringmaster.lab.LabHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * playbooks/site.yml end to end: the REAL CLI ({@link Main#run}) in this JVM against 3 lab hosts
 * (containers with sshd that share this machine's libvirtd/QEMU/KVM). Results are read from {@code
 * --json}; libvirt's state is read with virsh on this machine, QEMU's command line from /proc.
 * Guests have no OS: domains are started, never booted.
 *
 * <p>All lab hosts share one libvirtd, and lab/up's hosts are also called lab1..N, so every VM and
 * volume name of this class starts with {@link #PREFIX} (unique per JVM); {@link #cleanUp()}
 * destroys, undefines and deletes them all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KvmPlaybookIT {
    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(3);

    static final String PREFIX = "kit" + ProcessHandle.current().pid() + "-";
    static final Path REPO = findRepo();
    static final String URI = "qemu:///system";
    static final String POOL = "ringmaster";

    static Path inventory;
    static Path work;

    /**
     * One VM per host: name {@code PREFIX + host + suffix}, one qcow2 volume, one pinned IOThread.
     */
    record Vm(
            String suffix,
            int memoryMib,
            int vcpus,
            List<String> pins,
            String emulator,
            String cache,
            String io) {
        static Vm base() {
            return new Vm("-db", 128, 1, List.of("1"), "0", "none", "io_uring");
        }

        String yaml() {
            String name = PREFIX + "${inventory_hostname}" + suffix;
            return "kvm_pool: "
                    + POOL
                    + "\n"
                    + "kvm_pool_path: /var/lib/libvirt/images/ringmaster\n"
                    + "kvm_vms:\n"
                    + "  - name: \""
                    + name
                    + "\"\n"
                    + "    memory_mib: "
                    + memoryMib
                    + "\n"
                    + "    vcpus: "
                    + vcpus
                    + "\n"
                    + "    vcpu_pins: ["
                    + String.join(", ", pins.stream().map(p -> "'" + p + "'").toList())
                    + "]\n"
                    + "    emulator_cpuset: '"
                    + emulator
                    + "'\n"
                    + "    iothreads: [{cpuset: '0'}]\n"
                    + "    disks:\n"
                    + "      - {dev: vda, volume: \""
                    + name
                    + "-vda.qcow2\", capacity: 16M, format: qcow2, iothread: 1,"
                    + " cache: "
                    + cache
                    + ", io: "
                    + io
                    + "}\n";
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        work = LAB.workDir();
        inventory = LAB.writeInventory("");
        // group_vars beside the inventory, as in playbooks/inventories/lab: the baseline VM of
        // every host
        Files.createDirectories(work.resolve("group_vars"));
        Files.writeString(work.resolve("group_vars/hypervisors.yml"), Vm.base().yaml());
        // LabExtension gives every host /dev/kvm, as lab/up does: preflight checks that the node
        // exists
        for (LabHost h : LAB.hosts()) {
            h.exec("test", "-c", "/dev/kvm");
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        sh(
                "for d in $(virsh -c "
                        + URI
                        + " list --all --name | grep '^"
                        + PREFIX
                        + "'); do"
                        + " virsh -c "
                        + URI
                        + " destroy \"$d\" >/dev/null 2>&1; virsh -c "
                        + URI
                        + " undefine \"$d\" >/dev/null 2>&1; done;"
                        + " for v in $(virsh -c "
                        + URI
                        + " vol-list "
                        + POOL
                        + " 2>/dev/null | awk 'NR>2 {print $1}' | grep '^"
                        + PREFIX
                        + "');"
                        + " do virsh -c "
                        + URI
                        + " vol-delete --pool "
                        + POOL
                        + " \"$v\" >/dev/null 2>&1; done;"
                        + " rm -f /var/lib/ringmaster/backups/"
                        + PREFIX
                        + "*; true");
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void firstRunChangesEveryHostAndTheSecondChangesNothing() throws Exception {
        Run first = play();
        assertThat(first.rc).as(first.err).isZero();
        for (LabHost h : LAB.hosts()) {
            assertThat(first.changed(h.name())).as("changed tasks on " + h.name()).isPositive();
            assertThat(first.task("Define and start VMs", h.name()).get("status"))
                    .isEqualTo("changed");
            assertThat(virsh("domstate", vm(h, "-db")).strip()).isEqualTo("running");
        }
        Run second = play("--assert-no-changes");
        assertThat(second.rc).as("second run, --assert-no-changes\n" + second.err).isZero();
        for (LabHost h : LAB.hosts()) {
            assertThat(second.changed(h.name()))
                    .as("changed tasks on " + h.name() + " in run 2")
                    .isZero();
            assertThat(second.failed(h.name())).isZero();
        }
    }

    @Test
    @Order(2)
    void theRunningQemuUsesIoUringAndAnIothread() throws Exception {
        String name = vm(LAB.hosts().get(0), "-db");
        String pid = Files.readString(Path.of("/run/libvirt/qemu/" + name + ".pid")).strip();
        String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        assertThat(cmdline)
                .contains("\"aio\":\"io_uring\"")
                .contains("\"qom-type\":\"iothread\"")
                .contains("\"iothread\":\"iothread1\"")
                .contains("guest=" + name);
    }

    @Test
    @Order(3)
    void checkModeReportsTheChangeAndChangesNothing() throws Exception {
        String name = vm(LAB.hosts().get(0), "-db");
        String before = virsh("dumpxml", "--inactive", name);
        Path more =
                extraVars("check", new Vm("-db", 256, 1, List.of("1"), "0", "none", "io_uring"));
        Run check = play("--check", "--diff", "-e", "@" + more);
        assertThat(check.rc).as(check.err).isZero();
        assertThat(check.task("Define and start VMs", "lab1").get("status")).isEqualTo("changed");
        assertThat(String.valueOf(check.task("Define and start VMs", "lab1"))).contains("would");
        assertThat(virsh("dumpxml", "--inactive", name)).isEqualTo(before);
    }

    @Test
    @Order(4)
    void memoryVcpusAndDiskCacheChangesAreDiffedAndDefined() throws Exception {
        String name = vm(LAB.hosts().get(0), "-db");
        Path changed =
                extraVars(
                        "mem",
                        new Vm("-db", 192, 2, List.of("1", "1"), "0", "writeback", "threads"));
        Run run = play("--diff", "-e", "@" + changed);
        assertThat(run.rc).as(run.err).isZero();
        String result = String.valueOf(run.task("Define and start VMs", "lab1"));
        assertThat(result).contains("memory").contains("writeback").contains("restart");
        String xml = virsh("dumpxml", "--inactive", name);
        assertThat(xml)
                .contains("<memory unit='KiB'>196608</memory>")
                .contains(">2</vcpu>")
                .contains("cache='writeback'")
                .contains("io='threads'");
        // the same values again: nothing to do (the running domain keeps its old memory until a
        // restart)
        Run again = play("--assert-no-changes", "-e", "@" + changed);
        assertThat(again.rc).as(again.err).isZero();
        // and back to the baseline (restores io_uring for the tests after this one)
        Run back = play("-e", "@" + extraVars("back", Vm.base()));
        assertThat(back.rc).as(back.err).isZero();
        assertThat(virsh("dumpxml", "--inactive", name))
                .contains("io='io_uring'")
                .contains("cache='none'");
    }

    @Test
    @Order(5)
    void pinningChangesApplyLiveWithoutARestart() throws Exception {
        String name = vm(LAB.hosts().get(1), "-db");
        String id = virsh("domid", name).strip();
        Path pins = extraVars("pins", new Vm("-db", 128, 1, List.of("0"), "1", "none", "io_uring"));
        Run run = play("--diff", "-e", "@" + pins);
        assertThat(run.rc).as(run.err).isZero();
        assertThat(run.task("Define and start VMs", "lab2").get("status")).isEqualTo("changed");
        assertThat(virsh("domid", name).strip()).as("domain id (no restart)").isEqualTo(id);
        assertThat(virsh("vcpupin", name)).containsPattern("(?m)^\\s*0\\s+0\\s*$");
        assertThat(virsh("emulatorpin", name)).containsPattern("(?m)\\*:\\s+1\\s*$");
        assertThat(virsh("dumpxml", "--inactive", name)).contains("<vcpupin vcpu='0' cpuset='0'/>");
        Run again = play("--assert-no-changes", "-e", "@" + pins);
        assertThat(again.rc).as(again.err).isZero();
    }

    @Test
    @Order(6)
    void hostileVmNamesAreRefusedAndNothingRuns() throws Exception {
        Path hostile = work.resolve("hostile.yml");
        Files.writeString(
                hostile,
                """
                kvm_vms:
                  - name: "x'; touch /tmp/pwned; '"
                    memory_mib: 128
                    vcpus: 1
                    disks: [{dev: vda, volume: "x'; touch /tmp/pwned; '.qcow2", capacity: 16M, format: qcow2}]
                  - name: "a</name><evil/>"
                    memory_mib: 128
                    vcpus: 1
                    disks: [{dev: vda, volume: "a</name><evil/>.qcow2", capacity: 16M, format: qcow2}]
                """);
        Run run = play("-e", "@" + hostile);
        assertThat(run.rc).isEqualTo(2);
        for (LabHost h : LAB.hosts()) {
            assertThat(run.task("Validate VM definitions", h.name()).get("status"))
                    .isEqualTo("failed");
            assertThat(String.valueOf(run.task("Validate VM definitions", h.name())))
                    .contains("is refused");
            assertThat(h.exec("sh", "-c", "ls /tmp/pwned 2>/dev/null || echo absent").strip())
                    .isEqualTo("absent");
        }
        assertThat(Path.of("/tmp/pwned")).doesNotExist();
        assertThat(virsh("list", "--all", "--name")).doesNotContain("pwned").doesNotContain("evil");
    }

    @Test
    @Order(7)
    void aHostFailingPreflightGetsNothingWhileTheOthersSucceed() throws Exception {
        LabHost old = LAB.hosts().get(2);
        // a SHIM, not a real old host: /usr/local/bin comes first on PATH and fakes an EL8 kernel
        // and a libvirt running QEMU 4.2 (the QEMU version is the one libvirt reports)
        old.exec(
                "sh",
                "-c",
                "printf '#!/bin/sh\\nif [ \"$1\" = -r ]; then echo 4.18.0-553.el8_10.x86_64; "
                        + "else exec /bin/uname \"$@\"; fi\\n' > /usr/local/bin/uname; "
                        + "printf '#!/bin/sh\\ncase \" $* \" in *\" version \"*) /usr/bin/virsh \"$@\" | "
                        + "sed \"s/^Running hypervisor: QEMU .*/Running hypervisor: QEMU 4.2.1/\"; exit 0;; esac\\n"
                        + "exec /usr/bin/virsh \"$@\"\\n' > /usr/local/bin/virsh; "
                        + "chmod 755 /usr/local/bin/uname /usr/local/bin/virsh");
        try {
            Run run =
                    play(
                            "-e",
                            "@"
                                    + extraVars(
                                            "pf",
                                            new Vm(
                                                    "-pf",
                                                    128,
                                                    1,
                                                    List.of("1"),
                                                    "0",
                                                    "none",
                                                    "io_uring")));
            assertThat(run.rc).isEqualTo(2);
            Map<String, Object> pf =
                    run.task("Check kernel, QEMU, libvirt, io_uring and /dev/kvm", old.name());
            assertThat(pf.get("status")).isEqualTo("failed");
            assertThat(String.valueOf(pf.get("msg")))
                    .contains("preflight failed on " + old.name())
                    .contains("kernel 4.18.0-553.el8_10.x86_64 is older than 5.10")
                    .contains("QEMU 4.2.1 is older than 5.0");
            assertThat(virsh("list", "--all", "--name")).doesNotContain(vm(old, "-pf"));
            assertThat(virsh("vol-list", POOL)).doesNotContain(vm(old, "-pf"));
            for (LabHost ok : LAB.hosts().subList(0, 2)) {
                assertThat(run.failed(ok.name())).isZero();
                assertThat(virsh("domstate", vm(ok, "-pf")).strip()).isEqualTo("running");
            }
        } finally {
            old.exec("rm", "-f", "/usr/local/bin/uname", "/usr/local/bin/virsh");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    static String vm(LabHost h, String suffix) {
        return PREFIX + h.name() + suffix;
    }

    static Path extraVars(String tag, Vm vm) throws IOException {
        Path p = work.resolve("vars-" + tag + ".yml");
        Files.writeString(p, vm.yaml());
        return p;
    }

    /** One CLI run of playbooks/site.yml, its exit code and its --json report. */
    static final class Run {
        int rc;
        String err;
        Map<String, Object> json;

        @SuppressWarnings("unchecked")
        Map<String, Object> task(String name, String host) {
            for (Object play : (List<Object>) json.get("plays")) {
                for (Object t : (List<Object>) ((Map<String, Object>) play).get("tasks")) {
                    Map<String, Object> task = (Map<String, Object>) t;
                    if (name.equals(task.get("name"))) {
                        Map<String, Object> r =
                                (Map<String, Object>)
                                        ((Map<String, Object>) task.get("hosts")).get(host);
                        assertThat(r).as("result of '" + name + "' on " + host).isNotNull();
                        return r;
                    }
                }
            }
            throw new AssertionError("no task '" + name + "' in the report");
        }

        @SuppressWarnings("unchecked")
        int stat(String host, String key) {
            return ((Number)
                            ((Map<String, Object>)
                                            ((Map<String, Object>) json.get("stats")).get(host))
                                    .get(key))
                    .intValue();
        }

        int changed(String host) {
            return stat(host, "changed");
        }

        int failed(String host) {
            return stat(host, "failed");
        }
    }

    static int runs;

    static Run play(String... extra) throws IOException {
        Path json = work.resolve("run-" + (++runs) + ".json");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "play",
                                REPO.resolve("playbooks/site.yml").toString(),
                                "-i",
                                inventory.toString(),
                                "--known-hosts",
                                LAB.knownHosts().toString(),
                                "--templates",
                                REPO.resolve("templates").toString(),
                                "--json",
                                json.toString()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Run r = new Run();
        r.rc =
                Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        args.toArray(String[]::new));
        r.err = "rc " + r.rc + " for " + String.join(" ", args) + "\n" + out + err;
        assertThat(json).as(r.err).exists();
        r.json = new Yaml().load(Files.readString(json));
        return r;
    }

    static String virsh(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("virsh", "-c", URI));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static void sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
    }

    static Path findRepo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("playbooks/site.yml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "playbooks/site.yml not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
