package io.ringmaster.builtin.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.builtin.support.VirshRead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactProbeTest {

    private static String res(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/facts/" + name));
    }

    private static Map<String, Section> sections(Object... nameRcText) {
        Map<String, Section> m = new LinkedHashMap<>();
        for (int i = 0; i < nameRcText.length; i += 3) {
            m.put(
                    (String) nameRcText[i],
                    new Section(
                            (String) nameRcText[i],
                            (Integer) nameRcText[i + 1],
                            (String) nameRcText[i + 2]));
        }
        return m;
    }

    @Test
    void parsesRealOutputsCapturedOnTheLabHost() throws IOException {
        Map<String, Object> f =
                FactProbe.parse(
                        sections(
                                "kernel",
                                0,
                                res("uname-r.txt"),
                                "hostname",
                                0,
                                "vm\n",
                                "memtotal",
                                0,
                                res("meminfo.txt"),
                                "nproc",
                                0,
                                "2\n",
                                "io_uring_disabled",
                                0,
                                "0\n",
                                "kvm",
                                0,
                                "",
                                "qemu",
                                0,
                                res("qemu-version.txt"),
                                "virsh_version",
                                0,
                                res("virsh-version-daemon.txt"),
                                "topology",
                                0,
                                res("sys-topology.txt")),
                        "qemu:///system");
        assertThat(f)
                .containsEntry("kernel", "6.18.44-fc-v595")
                .containsEntry("kernel_version", "6.18.44")
                .containsEntry("hostname", "vm")
                .containsEntry("memtotal_mb", 24105L)
                .containsEntry("processor_count", 2)
                .containsEntry("io_uring_disabled", 0)
                .containsEntry("kvm_present", true)
                .containsEntry("qemu_version", "7.2.22")
                .containsEntry("libvirt_version", "9.0.0")
                .containsEntry("libvirt_reachable", true)
                .containsEntry("cpu_sockets", 1)
                .containsEntry("cpu_cores", 2)
                .containsEntry("cpu_threads", 1)
                .containsEntry("host_cpus", List.of(0, 1))
                .containsEntry("numa_nodes", List.of(Map.of("id", 0, "cpus", List.of(0, 1))));
        assertThat(f.values()).doesNotContainNull();
    }

    @Test
    void missingToolsAreFactsNotFailures() {
        Map<String, Object> f =
                FactProbe.parse(
                        sections(
                                "kernel",
                                0,
                                "4.18.0-553.el8_10.x86_64\n",
                                "hostname",
                                0,
                                "old\n",
                                "memtotal",
                                0,
                                "MemTotal:        8000000 kB\n",
                                "nproc",
                                0,
                                "4\n",
                                "io_uring_disabled",
                                1,
                                "",
                                "kvm",
                                1,
                                "",
                                "qemu",
                                127,
                                "",
                                "virsh_version",
                                127,
                                "sh: 1: virsh: not found\n",
                                "topology",
                                1,
                                ""),
                        "qemu:///system");
        assertThat(f)
                .containsEntry("kernel_version", "4.18.0")
                .containsEntry("io_uring_disabled", 0)
                .containsEntry("kvm_present", false)
                .containsEntry("qemu_version", "")
                .containsEntry("libvirt_version", "")
                .containsEntry("libvirt_reachable", false)
                .containsEntry("numa_nodes", List.of())
                .containsEntry("host_cpus", List.of())
                .containsEntry("memtotal_mb", 7812L);
        assertThat(f.values()).doesNotContainNull();
    }

    @Test
    void topologyFromSysMatchesWhatLibvirtReportedForTwoSocketsWithSmt() {
        // 2 packages x 2 cores x 2 threads, CPU 7 offline, two NUMA nodes (node 1 also lists the
        // offline CPU)
        String sys =
                "online 0-6\nnode 0 0,1,2,3\nnode 1 4,5,6,7\n"
                        + "cpu 0 0 0\ncpu 1 0 1\ncpu 2 0 0\ncpu 3 0 1\ncpu 4 1 0\ncpu 5 1 1\ncpu 6 1 0\n";
        Map<String, Object> f = new LinkedHashMap<>();
        CpuTopology.put(f, sys);
        assertThat(f)
                .containsEntry("cpu_sockets", 2)
                .containsEntry("cpu_cores", 2)
                .containsEntry("cpu_threads", 1)
                .containsEntry("host_cpus", List.of(0, 1, 2, 3, 4, 5, 6))
                .containsEntry(
                        "numa_nodes",
                        List.of(
                                Map.of("id", 0, "cpus", List.of(0, 1, 2, 3)),
                                Map.of("id", 1, "cpus", List.of(4, 5, 6))));
        Map<String, Object> full = new LinkedHashMap<>();
        CpuTopology.put(full, "online 0-7\n" + sys.substring(sys.indexOf("node")) + "cpu 7 1 1\n");
        assertThat(full).containsEntry("cpu_threads", 2).containsEntry("cpu_cores", 2);
    }

    @Test
    void aHostWithoutNumaInSysIsOneCellAsLibvirtReportsIt() {
        Map<String, Object> f = new LinkedHashMap<>();
        CpuTopology.put(f, "online 0-3,8\n");
        assertThat(f)
                .containsEntry("host_cpus", List.of(0, 1, 2, 3, 8))
                .containsEntry(
                        "numa_nodes", List.of(Map.of("id", 0, "cpus", List.of(0, 1, 2, 3, 8))));
        assertThat(CpuTopology.cpuList("0-2,5,x,7-6")).containsExactly(0, 1, 2, 5);
    }

    @Test
    void theFactScriptStartsNoVirshCapabilitiesAndOneVirshProcess() {
        String script = FactProbe.script("qemu:///system").command();
        assertThat(script).doesNotContain("capabilities");
        assertThat(script.split("virsh ", -1)).hasSize(2);
    }

    @Test
    void sectionsCannotBeForgedByOutput() {
        Sections s = Sections.withMarker("@@RM-abc@@");
        String out =
                "@@RM-abc@@ BEGIN a\nline @@RM-xyz@@ END a 0\n@@RM-xyz@@ END a 0\n@@RM-abc@@ END a 3\n";
        Map<String, Section> m = s.parse(out);
        assertThat(m.get("a").rc()).isEqualTo(3);
        assertThat(m.get("a").text()).contains("@@RM-xyz@@ END a 0");
    }

    @Test
    void withoutAQemuBinaryTheQemuThatLibvirtRunsIsTheFact() throws IOException {
        Map<String, Object> f =
                FactProbe.parse(
                        sections(
                                "kernel",
                                0,
                                "6.1.0-18-amd64\n",
                                "qemu",
                                127,
                                "",
                                "virsh_version",
                                0,
                                res("virsh-version-daemon.txt")),
                        "qemu:///system");
        assertThat(f)
                .containsEntry("qemu_version", "7.2.22")
                .containsEntry("qemu_version_source", "libvirt")
                .containsEntry("libvirt_reachable", true);
    }

    /**
     * Regression: a host without a QEMU binary on PATH ran {@code exit 127} inside the qemu
     * section, which ended the whole fact script: libvirt and the CPU topology were then reported
     * unreachable/empty.
     */
    @Test
    void aMissingQemuBinaryDoesNotEndTheFactScript() throws Exception {
        Sections s = FactProbe.script("qemu:///system");
        String cmd =
                s.command()
                        .replace(
                                "qemu-system-x86_64 /usr/libexec/qemu-kvm /usr/bin/qemu-kvm",
                                "/nonexistent/qemu-system-x86_64")
                        // libvirt unreachable too: only then is the QEMU binary asked
                        .replace("virsh -c", "/nonexistent/virsh -c");
        Map<String, Section> sec = s.parse(sh(cmd, null));
        assertThat(sec.get("qemu").rc()).isEqualTo(127);
        assertThat(sec).containsKeys("virsh_version", "topology");
        // the topology comes from this machine's /sys with shell built-ins only: it is there
        // without libvirt
        Map<String, Object> f = FactProbe.parse(sec, "qemu:///system");
        assertThat((java.util.List<?>) f.get("host_cpus")).isNotEmpty();
        assertThat((Integer) f.get("cpu_sockets")).isPositive();
        assertThat(f.get("hostname"))
                .isEqualTo(
                        java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname"))
                                .strip());
    }

    /**
     * libvirt reports the QEMU it runs, so the binary on the PATH is not started (one process per
     * host less); it is asked only when libvirt does not answer.
     */
    @Test
    void theQemuBinaryRunsOnlyWhenLibvirtDoesNotSayWhichQemuItRuns(@TempDir Path dir)
            throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path asked = dir.resolve("qemu-was-asked");
        script(
                bin.resolve("qemu-system-x86_64"),
                "touch " + asked + "; echo 'QEMU emulator version 4.2.1'");
        script(bin.resolve("virsh"), "cat <<'E'\n" + res("virsh-version-daemon.txt") + "E");
        Map<String, Object> f = runWithPath(bin);
        assertThat(asked).doesNotExist();
        assertThat(f)
                .containsEntry("qemu_version", "7.2.22")
                .containsEntry("qemu_version_source", "libvirt");

        script(
                bin.resolve("virsh"),
                "echo 'error: failed to connect to the hypervisor' >&2; exit 1");
        f = runWithPath(bin);
        assertThat(asked).exists();
        assertThat(f)
                .containsEntry("qemu_version", "4.2.1")
                .containsEntry("qemu_version_source", "binary")
                .containsEntry("libvirt_reachable", false);
    }

    /**
     * A later task's read (virt_domain's) carried in the fact script: its shell first, its virsh
     * commands in the one virsh process after libvirt's version, its output after the facts'
     * sections, where nothing it prints can pass for the version; virsh unable to connect leaves
     * libvirt unreachable and the read without sections.
     */
    @Test
    void aCarriedReadRunsInTheSameVirshProcessAsTheVersion(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path argv = dir.resolve("virsh-argv");
        Path asked = dir.resolve("qemu-was-asked");
        script(bin.resolve("qemu-system-x86_64"), "touch " + asked);
        VirshRead read =
                new VirshRead(
                        "qemu:///system",
                        "echo '@@RM-read@@ BEGIN shell'; echo shell ran; echo '@@RM-read@@ END shell 0'",
                        "echo @@RM-read@@\\ BEGIN\\ dominfo; dominfo --domain d1; echo @@RM-read@@\\ END\\ dominfo\\ 0",
                        "<domain/>",
                        "@@RM-read@@");
        Sections s = FactProbe.script("qemu:///system", read);
        String split = s.marker() + " SPLIT";
        script(
                bin.resolve("virsh"),
                "printf '%s\\n' \"$3\" >"
                        + argv
                        + "; cat <<'E'\n"
                        + res("virsh-version-daemon.txt")
                        + split
                        + "\n@@RM-read@@ BEGIN dominfo\nRunning hypervisor: QEMU 99.0.0\n@@RM-read@@ END dominfo 0\nE");
        String out = sh(s.command(), bin);
        assertThat(Files.readString(argv).strip())
                .isEqualTo("version --daemon; echo " + split + "; " + read.commands());
        Map<String, Object> f = FactProbe.parse(s.parse(out), "qemu:///system");
        assertThat(f)
                .containsEntry("qemu_version", "7.2.22")
                .containsEntry("libvirt_reachable", true);
        assertThat(asked).doesNotExist();
        Map<String, Section> theRead = Sections.parse("@@RM-read@@", out);
        assertThat(theRead.get("shell").text()).isEqualTo("shell ran\n");
        assertThat(theRead.get("dominfo").text()).contains("QEMU 99.0.0");

        script(
                bin.resolve("virsh"),
                "echo 'error: failed to connect to the hypervisor' >&2; exit 1");
        Sections again = FactProbe.script("qemu:///system", read);
        out = sh(again.command(), bin);
        assertThat(FactProbe.parse(again.parse(out), "qemu:///system"))
                .containsEntry("libvirt_reachable", false);
        assertThat(Sections.parse("@@RM-read@@", out)).containsOnlyKeys("shell");
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        file.toFile().setExecutable(true);
    }

    private static Map<String, Object> runWithPath(Path bin) throws Exception {
        Sections s = FactProbe.script("qemu:///system");
        return FactProbe.parse(s.parse(sh(s.command(), bin)), "qemu:///system");
    }

    /**
     * The output (stderr merged) of {@code script} run by this machine's sh, {@code bin} first on
     * the PATH.
     */
    private static String sh(String script, Path bin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true);
        if (bin != null) {
            pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
