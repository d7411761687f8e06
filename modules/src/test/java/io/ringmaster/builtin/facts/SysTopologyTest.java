package io.ringmaster.builtin.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.support.Sections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * setup's /sys script, run for real by /bin/sh on trees: one captured on this machine (capture-sys)
 * and a described two-socket host with SMT, NVMe on node 1 (a partition, by-id links, an LVM volume
 * on it, mount points) and isolcpus.
 */
class SysTopologyTest {

    static Map<String, Object> facts(Path root) throws IOException, InterruptedException {
        return facts(root, null);
    }

    /** The facts of {@code root}, with {@code bin} (fake tools) first on the PATH when not null. */
    static Map<String, Object> facts(Path root, Path bin) throws IOException, InterruptedException {
        Sections s = Sections.withMarker("@@RM-test@@");
        SysTopology.sections(s, root.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", s.command()).redirectErrorStream(true);
        if (bin != null) {
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Map<String, Object> f = new LinkedHashMap<>();
        SysTopology.put(f, s.parse(out), 1000);
        return f;
    }

    @Test
    void theTreeCapturedOnThisMachine() throws Exception {
        Map<String, Object> f = facts(Path.of("src/test/resources/facts/sys-vm"));
        assertThat(f.get("numa_topology"))
                .isEqualTo(
                        Map.of(
                                "nodes",
                                        List.of(
                                                Map.of(
                                                        "id",
                                                        0,
                                                        "memory_mib",
                                                        8537L,
                                                        "cores",
                                                        List.of(List.of(0), List.of(1)))),
                                "devices", Map.of()));
        assertThat(f)
                .containsEntry("isolated_cpus", List.of())
                .containsEntry("isolcpus", List.of())
                .containsEntry("nohz_full", List.of());
    }

    @Test
    void aDescribedTwoSocketHostWithNvmeOnNode1(@TempDir Path root) throws Exception {
        TwoSocketTree.write(root);
        Map<String, Object> f = facts(root);
        @SuppressWarnings("unchecked")
        Map<String, Object> topo = (Map<String, Object>) f.get("numa_topology");
        assertThat(topo.get("nodes"))
                .isEqualTo(
                        List.of(
                                Map.of(
                                        "id",
                                        0,
                                        "memory_mib",
                                        65536L,
                                        "cores",
                                        List.of(List.of(0, 4), List.of(1, 5))),
                                Map.of(
                                        "id",
                                        1,
                                        "memory_mib",
                                        32768L,
                                        "cores",
                                        List.of(List.of(2, 6), List.of(3, 7)))));
        assertThat(topo.get("devices"))
                .isEqualTo(
                        Map.of(
                                "/dev/sda",
                                0,
                                "/dev/sda1",
                                0,
                                "/dev/nvme0n1",
                                1,
                                "/dev/nvme0n1p1",
                                1,
                                "/dev/dm-0",
                                1,
                                "/dev/disk/by-id/nvme-SAMSUNG_X_S64H",
                                1,
                                "/dev/disk/by-id/nvme-SAMSUNG_X_S64H-part1",
                                1,
                                "/dev/mapper/vg-lv",
                                1,
                                "/",
                                0,
                                "/srv/nvme space",
                                1));
        assertThat(f)
                .containsEntry("isolated_cpus", List.of(2, 3, 6, 7))
                .containsEntry("isolcpus", List.of(2, 3, 6, 7))
                .containsEntry("nohz_full", List.of(3, 7));
    }

    /**
     * The links' targets come from one find, never a readlink per link; a find without -printf
     * (busybox) falls back to readlink and gives the same devices.
     */
    @Test
    void linksAreReadByOneFindOrOneReadlinkEachWithoutGnuFind(@TempDir Path root, @TempDir Path bin)
            throws Exception {
        TwoSocketTree.write(root);
        Path calls = bin.resolve("readlink.calls");
        fake(bin, "readlink", "echo x >>" + calls + "; exec /usr/bin/readlink \"$@\"");
        Object gnu = facts(root, bin).get("numa_topology");
        assertThat(calls).doesNotExist();
        fake(bin, "find", "echo 'find: unrecognized: -printf' >&2; exit 1");
        Object busybox = facts(root, bin).get("numa_topology");
        assertThat(busybox).isEqualTo(gnu);
        assertThat(java.nio.file.Files.readAllLines(calls)).hasSize(3);
        assertThat(((Map<?, ?>) gnu).get("devices").toString())
                .contains("/dev/disk/by-id/nvme-SAMSUNG_X_S64H-part1=1", "/dev/mapper/vg-lv=1");
    }

    private static void fake(Path bin, String name, String body) throws IOException {
        Path f = bin.resolve(name);
        java.nio.file.Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        f.toFile().setExecutable(true);
    }

    @Test
    void kernelParametersSkipFlags() {
        assertThat(SysTopology.kernelCpus("ro isolcpus=managed_irq,domain,2-3,6 quiet", "isolcpus"))
                .containsExactly(2, 3, 6);
        assertThat(SysTopology.cpuList("0-2,5")).containsExactly(0, 1, 2, 5);
        assertThat(SysTopology.cpuList("")).isEmpty();
    }
}
