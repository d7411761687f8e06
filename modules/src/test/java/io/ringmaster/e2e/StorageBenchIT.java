package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.lab.LabExtension;
import io.ringmaster.lab.LabHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * storage_bench end to end: the real CLI against 2 lab hosts (real sshd, real qemu-img and fio from
 * the lab image, this machine's libvirtd). Images are 64 MiB files of random data inside each host;
 * the domain {@link #DOMAIN} is defined (never started) with disks that exist only inside lab1, and
 * undefined afterwards.
 */
class StorageBenchIT {
    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(2);

    static final String URI = "qemu:///system";
    static final String IMAGE = "/var/tmp/rmb-bench.img";
    static final String DOMAIN = "rmb-" + ProcessHandle.current().pid() + "-vm";
    static Path inventory;

    @BeforeAll
    static void setUp() {
        inventory = LAB.writeInventory("");
        for (LabHost h : LAB.hosts()) {
            h.exec(
                    "sh",
                    "-c",
                    "for f in "
                            + IMAGE
                            + " /var/tmp/rmb-a.img /var/tmp/rmb-b.img /var/tmp/rmb-c.img; do "
                            + "dd if=/dev/urandom of=$f bs=1M count=64 status=none; done");
        }
        LabHost lab1 = LAB.hosts().get(0);
        lab1.exec(
                "sh",
                "-c",
                "cat >/var/tmp/rmb-vm.xml <<'XML'\n"
                        + domainXml()
                        + "XML\n"
                        + "virsh -c "
                        + URI
                        + " define /var/tmp/rmb-vm.xml");
    }

    @AfterAll
    static void undefine() {
        if (!LAB.hosts().isEmpty()) {
            LAB.hosts()
                    .get(0)
                    .exec(
                            "sh",
                            "-c",
                            "virsh -c " + URI + " undefine " + DOMAIN + " >/dev/null 2>&1; true");
        }
    }

    static String domainXml() {
        return "<domain type='kvm'><name>"
                + DOMAIN
                + "</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64'>hvm</type></os><devices>"
                + disk("vda", "/var/tmp/rmb-a.img", " io='io_uring'")
                + disk("vdb", "/var/tmp/rmb-b.img", " io='native'")
                + disk("vdc", "/var/tmp/rmb-c.img", "")
                + "</devices></domain>\n";
    }

    static String disk(String dev, String file, String io) {
        return "<disk type='file' device='disk'><driver name='qemu' type='raw' cache='none'"
                + io
                + "/>"
                + "<source file='"
                + file
                + "'/><target dev='"
                + dev
                + "' bus='virtio'/></disk>";
    }

    static Map<String, String> checksums() {
        return LAB.hosts().stream()
                .collect(
                        Collectors.toMap(
                                LabHost::name,
                                h -> h.exec("sha256sum", IMAGE, "/var/tmp/rmb-a.img").strip()));
    }

    /**
     * Runs a one-play playbook of {@code tasks} (YAML, indented 4) and returns its --json report.
     */
    static Map<String, Object> play(String hosts, String tasks, String... flags) throws Exception {
        Path pb =
                Cli.write(
                        LAB.workDir().resolve("rmb-bench-" + System.nanoTime() + ".yml"),
                        "- hosts: " + hosts + "\n  gather_facts: false\n  tasks:\n" + tasks);
        Path json = LAB.workDir().resolve("rmb-run-" + System.nanoTime() + ".json");
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "play",
                                pb.toString(),
                                "-i",
                                inventory.toString(),
                                "--known-hosts",
                                LAB.knownHosts().toString(),
                                "--json",
                                json.toString()));
        args.addAll(List.of(flags));
        Cli.Run r = Cli.run(args.toArray(String[]::new));
        assertThat(json).as(r.toString()).exists();
        Map<String, Object> doc = new Yaml().load(Files.readString(json));
        doc.put("_run", r);
        return doc;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(Map<String, Object> doc, int task, String host) {
        Map<String, Object> play = (Map<String, Object>) ((List<Object>) doc.get("plays")).get(0);
        Map<String, Object> t = (Map<String, Object>) ((List<Object>) play.get("tasks")).get(task);
        return (Map<String, Object>) ((Map<String, Object>) t.get("hosts")).get(host);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> result, String key) {
        return (List<Map<String, Object>>) ((Map<String, Object>) result.get("data")).get(key);
    }

    @Test
    void benchesAFileInAllThreeModesWithBothToolsAndLeavesItByteForByteUnchanged()
            throws Exception {
        Map<String, String> before = checksums();
        String task = "    - storage_bench: {path: " + IMAGE + ", ops: 20000, seconds: 5}\n";
        Map<String, Object> doc = play("hypervisors", task);
        Map<String, Object> checked = play("hypervisors", task.replace("20000", "2000"), "--check");
        for (LabHost h : LAB.hosts()) {
            Map<String, Object> r = result(doc, 0, h.name());
            assertThat(r)
                    .as(doc.get("_run").toString())
                    .containsEntry("status", "ok")
                    .containsEntry("changed", false);
            List<Map<String, Object>> rows = list(r, "results");
            assertThat(rows)
                    .extracting(e -> e.get("tool") + "/" + e.get("mode"))
                    .containsExactly(
                            "qemu-img/io_uring",
                            "qemu-img/native",
                            "qemu-img/threads",
                            "fio/io_uring",
                            "fio/native",
                            "fio/threads");
            assertThat(rows)
                    .allSatisfy(
                            e -> {
                                assertThat(((Number) e.get("iops")).doubleValue()).isPositive();
                                assertThat(e.get("path")).isEqualTo(IMAGE);
                                assertThat(e).containsKeys("mib_per_s", "seconds", "best_mode");
                            });
            assertThat(rows.subList(3, 6))
                    .allSatisfy(
                            e ->
                                    assertThat(e)
                                            .containsKeys(
                                                    "lat_p50_us", "lat_p99_us", "lat_p999_us"));
            assertThat(result(checked, 0, h.name())).containsEntry("status", "ok");
            assertThat(list(result(checked, 0, h.name()), "results")).hasSize(6);
        }
        assertThat(checksums()).isEqualTo(before);
    }

    @Test
    void aWriteNeedsBothFlagsAndNeverTouchesADefinedDomainsDisk() throws Exception {
        Map<String, String> before = checksums();
        String tasks =
                "    - storage_bench: {path: "
                        + IMAGE
                        + ", write: true, ops: 1000}\n      ignore_errors: true\n"
                        + "    - storage_bench: {path: /var/tmp/rmb-a.img, write: true, allow_write: true, ops: 1000}\n"
                        + "      ignore_errors: true\n"
                        + "    - storage_bench: {domain: "
                        + DOMAIN
                        + ", write: true, allow_write: true, ops: 1000}\n"
                        + "      ignore_errors: true\n";
        Map<String, Object> doc = play(LAB.hosts().get(0).name(), tasks);
        String host = LAB.hosts().get(0).name();
        assertThat(result(doc, 0, host)).containsEntry("failed", true);
        assertThat((String) result(doc, 0, host).get("msg"))
                .contains("refused to write on " + host)
                .contains("write: true also needs allow_write: true");
        assertThat((String) result(doc, 1, host).get("msg"))
                .isEqualTo(
                        "refused to write to /var/tmp/rmb-a.img on "
                                + host
                                + ": domain "
                                + DOMAIN
                                + " uses it; storage_bench never writes to a disk a defined domain uses");
        assertThat((String) result(doc, 2, host).get("msg"))
                .contains("it is a disk of domain " + DOMAIN);
        assertThat(checksums()).isEqualTo(before);
    }

    @Test
    void aWriteWithBothFlagsToAFreeFileRuns() throws Exception {
        LabHost h = LAB.hosts().get(1);
        h.exec(
                "dd",
                "if=/dev/urandom",
                "of=/var/tmp/rmb-scratch.img",
                "bs=1M",
                "count=16",
                "status=none");
        String before = h.exec("sha256sum", "/var/tmp/rmb-scratch.img");
        Map<String, Object> doc =
                play(
                        h.name(),
                        "    - storage_bench: {path: /var/tmp/rmb-scratch.img, write: true, "
                                + "allow_write: true, ops: 2000, modes: [native], tool: qemu-img}\n");
        assertThat(result(doc, 0, h.name()))
                .as(doc.get("_run").toString())
                .containsEntry("status", "ok");
        assertThat(list(result(doc, 0, h.name()), "results"))
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e)
                                        .containsEntry("mode", "native")
                                        .containsEntry("tool", "qemu-img"));
        assertThat(h.exec("sha256sum", "/var/tmp/rmb-scratch.img")).isNotEqualTo(before);
    }

    @Test
    void aDomainNamesEachDisksConfiguredMode() throws Exception {
        String host = LAB.hosts().get(0).name();
        Map<String, Object> doc =
                play(
                        host,
                        "    - storage_bench: {domain: "
                                + DOMAIN
                                + ", ops: 5000, seconds: 3, "
                                + "tool: qemu-img}\n");
        Map<String, Object> r = result(doc, 0, host);
        assertThat(r).as(doc.get("_run").toString()).containsEntry("status", "ok");
        List<Map<String, Object>> disks = list(r, "disks");
        assertThat(disks)
                .extracting(d -> d.get("disk") + "=" + d.get("configured_mode"))
                .containsExactly("vda=io_uring", "vdb=native", "vdc=threads");
        assertThat(disks)
                .allSatisfy(
                        d ->
                                assertThat(d)
                                        .containsKeys(
                                                "best_mode",
                                                "configured_vs",
                                                "configured_is_best"));
        assertThat(list(r, "results"))
                .hasSize(9)
                .allSatisfy(e -> assertThat(e).containsKey("configured_mode"));
        assertThat((String) r.get("msg")).contains("vda (/var/tmp/rmb-a.img, qemu-img): io_uring ");
    }
}
