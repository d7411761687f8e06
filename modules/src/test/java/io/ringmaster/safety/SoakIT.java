package io.ringmaster.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.cli.Main;
import io.ringmaster.lab.LabExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The soak: playbooks/site.yml converged once on real lab hosts (real libvirtd), then N no-change
 * runs back to back in this one JVM (the real CLI, {@link Main#run}), each with {@code
 * --assert-no-changes}. After every run the controller's live threads, open file descriptors
 * (/proc/self/fd) and heap in use after a GC are measured; they must not grow. N is {@code
 * -Dringmaster.soak.runs} (10 in CI; bench/soak runs 100). Every VM and volume is named {@code
 * rms-soak...} and removed afterwards.
 */
class SoakIT {
    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(2);

    static final String PREFIX = "rms-soak" + ProcessHandle.current().pid() + "-";
    static final String URI = "qemu:///system";
    static final int RUNS = Integer.getInteger("ringmaster.soak.runs", 10);

    /** Allowed growth from the first measured run to the last one. */
    static final int MAX_THREAD_GROWTH = 2;

    static final int MAX_FD_GROWTH = 4;
    static final long MAX_HEAP_GROWTH = 24L << 20;

    record Sample(int run, int exit, long millis, int threads, long fds, long heapBytes) {
        String row() {
            return String.format(
                    "| %d | %d | %d | %d | %d | %.1f |",
                    run, exit, millis, threads, fds, heapBytes / 1048576.0);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        sh(
                "for d in $(virsh -c "
                        + URI
                        + " list --all --name | grep '^"
                        + PREFIX
                        + "'); do virsh -c "
                        + URI
                        + " destroy \"$d\" >/dev/null 2>&1; virsh -c "
                        + URI
                        + " undefine \"$d\" >/dev/null 2>&1; done;"
                        + " for v in $(virsh -c "
                        + URI
                        + " vol-list ringmaster 2>/dev/null | awk 'NR>2 {print $1}' | grep '^"
                        + PREFIX
                        + "'); do virsh -c "
                        + URI
                        + " vol-delete --pool ringmaster \"$v\" >/dev/null 2>&1; done;"
                        + " rm -f /var/lib/ringmaster/backups/"
                        + PREFIX
                        + "*; true");
    }

    @Test
    void noChangeRunsBackToBackChangeNothingAndLeakNoThreadsFilesOrMemory() throws Exception {
        Path work = LAB.workDir();
        Path inventory = LAB.writeInventory("");
        Files.createDirectories(work.resolve("group_vars"));
        Files.writeString(
                work.resolve("group_vars/hypervisors.yml"),
                "kvm_vms:\n"
                        + "  - name: \""
                        + PREFIX
                        + "${inventory_hostname}-db\"\n    memory_mib: 128\n    vcpus: 1\n"
                        + "    vcpu_pins: ['1']\n    emulator_cpuset: '0'\n    iothreads: [{cpuset: '0'}]\n    disks:\n"
                        + "      - {dev: vda, volume: \""
                        + PREFIX
                        + "${inventory_hostname}-vda.qcow2\", capacity: 16M,"
                        + " format: qcow2, iothread: 1, cache: none, io: io_uring}\n");
        String[] args = {
            "play",
            repo().resolve("playbooks/site.yml").toString(),
            "-i",
            inventory.toString(),
            "--known-hosts",
            LAB.knownHosts().toString(),
            "--ssh-config",
            work.resolve("no-ssh-config").toString(),
            "--templates",
            repo().resolve("templates").toString()
        };
        StringWriter converged = new StringWriter();
        int converge = run(args, converged);
        assertThat(converge).as("the converging run:\n" + converged).isZero();

        List<Sample> samples = new ArrayList<>();
        String[] noChange =
                Stream.concat(Stream.of(args), Stream.of("--assert-no-changes"))
                        .toArray(String[]::new);
        for (int i = 1; i <= RUNS; i++) {
            StringWriter out = new StringWriter();
            long t0 = System.nanoTime();
            int exit = run(noChange, out);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(exit)
                    .as("no-change run " + i + " (exit 8 = something changed):\n" + out)
                    .isZero();
            assertThat(out.toString())
                    .containsPattern("lab1\\s*: ok=\\d+\\s+changed=0\\s+unreachable=0\\s+failed=0");
            samples.add(measure(i, exit, ms));
        }
        StringBuilder table =
                new StringBuilder(
                        "| run | exit | ms | threads | fds | heap MiB |\n|---|---|---|---|---|---|\n");
        samples.forEach(s -> table.append(s.row()).append('\n'));
        System.err.print(
                "soak: " + RUNS + " no-change runs of playbooks/site.yml on 2 lab hosts\n" + table);
        report(table.toString());
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        int maxThreads = samples.stream().mapToInt(Sample::threads).max().orElseThrow();
        assertThat(maxThreads - first.threads())
                .as("thread growth\n" + table)
                .isLessThanOrEqualTo(MAX_THREAD_GROWTH);
        assertThat(last.fds() - first.fds())
                .as("file descriptor growth\n" + table)
                .isLessThanOrEqualTo(MAX_FD_GROWTH);
        assertThat(last.heapBytes() - first.heapBytes())
                .as("heap growth\n" + table)
                .isLessThanOrEqualTo(MAX_HEAP_GROWTH);
    }

    private static int run(String[] args, StringWriter out) {
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        out.append(err.toString());
        return exit;
    }

    /** The controller after a run: live threads, open fds, heap in use after a full GC. */
    private static Sample measure(int run, int exit, long ms)
            throws IOException, InterruptedException {
        // JSch's session reader threads end a moment after disconnect: let them go before counting
        Thread.sleep(300);
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long fds;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            fds = s.count();
        }
        Runtime rt = Runtime.getRuntime();
        return new Sample(run, exit, ms, threads, fds, rt.totalMemory() - rt.freeMemory());
    }

    /** bench/soak reads the table from here (target/soak.md). */
    private static void report(String table) throws IOException {
        Files.writeString(
                Path.of("target/soak.md"),
                "soak: "
                        + RUNS
                        + " no-change runs of playbooks/site.yml on 2 lab"
                        + " hosts, one JVM\n\n"
                        + table);
    }

    static Path repo() {
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

    private static void sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
    }
}
