package io.ringmaster.builtin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.fixtures.FakeRemote;
import io.ringmaster.module.api.ModuleResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageBenchTest {

    static final String TOOLS = "tools 0\nqemu-img\nfio\n---\nuring 0\n0";
    static final String DOMAIN =
            TOOLS + "\n---\nstate 0\nshut off\n---\nxml 0\n" + DomainDisksTest.XML.strip();
    static final String FACTS =
            "path:0 0\npath /var/tmp/rmb.img\nkind file\nsize 268435456\nreal /var/tmp/rmb.img\ndirect ok";

    private final StorageBenchModule module = new StorageBenchModule();

    private ModuleResult run(Map<String, Object> args, FakeRemote host, boolean check)
            throws Exception {
        return module.run(BenchContexts.of(module, args, host, check));
    }

    @Test
    void aWriteWithoutAllowWriteIsRefusedBeforeTouchingTheHost() throws Exception {
        FakeRemote host = new FakeRemote(new CapturedHost(TOOLS, FACTS));
        ModuleResult r = run(Map.of("path", "/var/tmp/rmb.img", "write", true), host, false);
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).contains("refused to write on testhost").contains("allow_write: true");
        assertThat(host.calls()).isEmpty();
    }

    @Test
    void aPathIsMeasuredInEveryModeWithBothToolsAndNeverReportsAChange() throws Exception {
        FakeRemote host = new FakeRemote(new CapturedHost(TOOLS, FACTS));
        ModuleResult r = run(Map.of("path", "/var/tmp/rmb.img"), host, true);
        assertThat(r).isInstanceOf(ModuleResult.Ok.class);
        assertThat(host.calls()).hasSize(3);
        assertThat(host.lastCommand())
                .contains("qemu-img bench -U -f raw -t none -i io_uring")
                .contains(
                        "fio --name=ringmaster --filename=/var/tmp/rmb.img --readonly --rw=randread --direct=1")
                .doesNotContain(" -w ");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) r.data().get("results");
        assertThat(results).hasSize(6);
        assertThat(results.get(0))
                .containsEntry("disk", "rmb.img")
                .containsEntry("tool", "qemu-img")
                .containsEntry("mode", "io_uring")
                .containsEntry("ops", 50_000L)
                .containsKeys("iops", "mib_per_s", "seconds")
                .doesNotContainKey("lat_p99_us");
        assertThat(results.get(3))
                .containsEntry("tool", "fio")
                .containsEntry("iops", 135501.0)
                .containsEntry("lat_p99_us", 602.1)
                .containsKeys("lat_p50_us", "lat_p999_us");
        assertThat(results).allSatisfy(e -> assertThat(e).containsKey("best_mode"));
        assertThat(r.msg())
                .contains(
                        "rmb.img (/var/tmp/rmb.img, qemu-img): io_uring 92.8k, native 113.6k, threads 76.1k IOPS");
    }

    @Test
    void aDomainNamesEachDisksConfiguredModeAndItsRatioToTheOthers() throws Exception {
        String facts =
                "path:0 0\npath /var/tmp/rmb-a.img\nkind file\nsize 268435456\nreal /var/tmp/rmb-a.img\ndirect ok"
                        + "\n---\npath:1 0\npath /dev/disk/by-id/nvme-x\nkind missing"
                        + "\n---\npath:2 0\npath /var/tmp/rmb-c.qcow2\nkind file\nsize 268435456\nreal /var/tmp/rmb-c.qcow2\ndirect ok";
        String xml =
                DomainDisksTest.XML
                        .replaceAll("(?s)<disk type='volume'.*?</disk>", "")
                        .replaceAll("(?s)<disk type='block'.*?</disk>", "");
        String first = TOOLS + "\n---\nstate 0\nshut off\n---\nxml 0\n" + xml.strip();
        FakeRemote host =
                new FakeRemote(
                        new CapturedHost(
                                first,
                                facts.replace("path:2", "path:1")
                                        .replaceFirst(
                                                "\n---\npath:1 0\npath /dev/disk/by-id/nvme-x\nkind missing",
                                                "")));
        ModuleResult r = run(Map.of("domain", "rmb-vm", "tool", "qemu-img"), host, false);
        assertThat(r).isInstanceOf(ModuleResult.Ok.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> disks = (List<Map<String, Object>>) r.data().get("disks");
        assertThat(disks)
                .extracting(d -> d.get("disk") + "=" + d.get("configured_mode"))
                .containsExactly("vda=io_uring", "vdc=threads");
        assertThat(disks.get(0))
                .containsEntry("best_mode", "native")
                .containsEntry("configured_is_best", false);
        assertThat(disks.get(0).get("configured_vs"))
                .isEqualTo(Map.of("native", 0.82, "threads", 1.22));
        assertThat(r.msg())
                .contains("configured io_uring is NOT the fastest (native is)")
                .contains("skipped sda is a cdrom, not a disk");
        assertThat(host.lastCommand()).contains("-f qcow2").contains("/var/tmp/rmb-c.qcow2");
    }

    @Test
    void anUndefinedDomainFailsNamingHostAndUri() throws Exception {
        String first =
                TOOLS
                        + "\n---\nstate 1\nerror: failed to get domain 'rmb-none'\n---\nxml 1\nerror: failed to get domain 'rmb-none'";
        FakeRemote host = new FakeRemote(new CapturedHost(first, ""));
        ModuleResult r = run(Map.of("domain", "rmb-none"), host, false);
        assertThat(r.msg())
                .startsWith(
                        "domain rmb-none is not defined on testhost (virsh -c qemu:///system dumpxml: "
                                + "error: failed to get domain 'rmb-none')");
        assertThat(host.calls()).hasSize(1);
    }

    @Test
    void validationWantsExactlyOneTargetAndKnownModes() {
        assertThat(module.validate(Map.of()))
                .containsExactly(
                        "give exactly one of path (an image file or block device) or domain (a libvirt domain)");
        assertThat(
                        module.validate(
                                Map.of(
                                        "path",
                                        "/a",
                                        "modes",
                                        List.of("io_uring", "aio"),
                                        "block_size",
                                        1000)))
                .containsExactly(
                        "modes: unknown aio mode 'aio'; use io_uring, native or threads",
                        "block_size must be a multiple of 512 (O_DIRECT needs aligned requests), not 1000");
    }
}
