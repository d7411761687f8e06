package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.support.Xml;
import io.ringmaster.builtin.virt.DomainCompare.Kind;
import io.ringmaster.builtin.virt.DomainCompare.Mismatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class DomainCompareTest {

    private static String res(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/virt/" + name));
    }

    private static Element xml(String text) throws Exception {
        return Xml.parse(text).getDocumentElement();
    }

    private static List<Mismatch> cmp(String desired, String current) throws Exception {
        return DomainCompare.compare(xml(desired), xml(current));
    }

    @Test
    void whatWeDefinedHoldsInWhatLibvirtReturnsExceptPolling() throws Exception {
        // defined-source.xml was defined on libvirt 9.0; inactive-libvirt-9.0.xml is its dumpxml
        // --inactive
        List<Mismatch> m = cmp(res("defined-source.xml"), res("inactive-libvirt-9.0.xml"));
        assertThat(m).hasSize(1);
        assertThat(m.get(0).kind()).isEqualTo(Kind.POLL);
        assertThat(m.get(0).xmlPath())
                .isEqualTo("<iothreadids><iothread id='1'><poll grow='2' max='32768' shrink='2'/>");
    }

    @Test
    void holdsInTheLiveDefinitionToo() throws Exception {
        List<Mismatch> m = cmp(res("defined-source.xml"), res("live-libvirt-9.0.xml"));
        assertThat(m).extracting(Mismatch::kind).containsOnly(Kind.POLL);
    }

    @Test
    void memoryUnitsAreNormalised() throws Exception {
        String cur = "<domain><memory unit='KiB'>131072</memory></domain>";
        assertThat(cmp("<domain><memory unit='MiB'>128</memory></domain>", cur)).isEmpty();
        assertThat(cmp("<domain><memory unit='M'>128</memory></domain>", cur)).isEmpty();
        assertThat(cmp("<domain><memory>131072</memory></domain>", cur)).isEmpty();
        assertThat(cmp("<domain><memory unit='b'>134217728</memory></domain>", cur)).isEmpty();
        assertThat(
                        cmp(
                                "<domain><memory unit='G'>1</memory></domain>",
                                "<domain><memory unit='KiB'>1048576</memory></domain>"))
                .isEmpty();
        List<Mismatch> m = cmp("<domain><memory unit='MiB'>256</memory></domain>", cur);
        assertThat(m)
                .singleElement()
                .extracting(Mismatch::describe)
                .isEqualTo("memory: '131072' -> '262144'");
        assertThat(DomainCompare.toKiB("1", "MB")).isEqualTo("977");
    }

    @Test
    void changedCacheIoAndPinningAreDetected() throws Exception {
        String desired =
                res("defined-source.xml")
                        .replace("cache='none'", "cache='writeback'")
                        .replace("io='io_uring'", "io='native'")
                        .replace(
                                "<vcpupin vcpu='1' cpuset='1'/>", "<vcpupin vcpu='1' cpuset='0'/>");
        List<Mismatch> m = cmp(desired, res("inactive-libvirt-9.0.xml"));
        assertThat(m)
                .extracting(Mismatch::describe)
                .contains(
                        "devices/disk[vda]/driver/@cache: 'none' -> 'writeback'",
                        "devices/disk[vda]/driver/@io: 'io_uring' -> 'native'",
                        "cputune/vcpupin[1]/@cpuset: '1' -> '0'");
        assertThat(
                        m.stream()
                                .filter(x -> x.describe().startsWith("cputune"))
                                .findFirst()
                                .orElseThrow()
                                .kind())
                .isEqualTo(Kind.PIN);
    }

    @Test
    void cpusetsCompareAsSets() throws Exception {
        assertThat(DomainCompare.canonicalCpuset("3,1,2,^2,5-6")).isEqualTo("1,3,5-6");
        assertThat(
                        cmp(
                                "<domain><cputune><emulatorpin cpuset='0,1'/></cputune></domain>",
                                "<domain><cputune><emulatorpin cpuset='0-1'/></cputune></domain>"))
                .isEmpty();
    }

    @Test
    void libvirtAdditionsAreIgnoredButExtraDisksAreNot() throws Exception {
        String cur = res("inactive-libvirt-9.0.xml");
        String twoDisks =
                cur.replace(
                        "</devices>",
                        "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                                + "<source file='/x.raw'/><target dev='vdb' bus='virtio'/></disk></devices>");
        List<Mismatch> m = cmp(res("defined-source.xml"), twoDisks);
        assertThat(m)
                .extracting(Mismatch::describe)
                .contains("devices/disk[vdb]: present, not in the desired definition");
    }

    @Test
    void machineAliasHolds() throws Exception {
        assertThat(
                        cmp(
                                "<domain><os><type machine='pc'>hvm</type></os></domain>",
                                "<domain><os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os></domain>"))
                .isEmpty();
        assertThat(
                        cmp(
                                "<domain><os><type machine='q35'>hvm</type></os></domain>",
                                "<domain><os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os></domain>"))
                .hasSize(1);
    }

    @Test
    void interfacesMatchByMacOrOrder() throws Exception {
        String cur =
                "<domain><devices><interface type='user'><mac address='52:54:00:88:a0:04'/><model type='virtio'/>"
                        + "</interface></devices></domain>";
        assertThat(
                        cmp(
                                "<domain><devices><interface type='user'><model type='virtio'/></interface></devices></domain>",
                                cur))
                .isEmpty();
        assertThat(
                        cmp(
                                "<domain><devices><interface type='user'><mac address='52:54:00:88:A0:04'/></interface></devices>"
                                        + "</domain>",
                                cur))
                .isEmpty();
        assertThat(
                        cmp(
                                "<domain><devices><interface type='user'><mac address='52:54:00:00:00:01'/></interface></devices>"
                                        + "</domain>",
                                cur))
                .isNotEmpty();
    }

    @Test
    void uuidAndMacAreCarriedOverAndPredictionShowsOnlyTheChange() throws Exception {
        String desired =
                res("defined-source.xml")
                        .replace("<uuid>357380d6-523e-48e7-a534-141216982319</uuid>", "")
                        .replace(
                                "<memory unit='MiB'>128</memory>",
                                "<memory unit='MiB'>256</memory>");
        Element cur = xml(res("inactive-libvirt-9.0.xml"));
        String toDefine = Definition.toDefine(xml(desired), cur);
        assertThat(toDefine)
                .contains("<uuid>357380d6-523e-48e7-a534-141216982319</uuid>")
                .contains("<mac address=\"52:54:00:a2:e2:50\"/>");
        String before = Definition.display(cur);
        String after = Definition.display(Definition.predicted(xml(desired), cur));
        String diff = io.ringmaster.module.api.Diffs.of("a", "b", before, after).unified();
        assertThat(diff)
                .contains(
                        "-  <memory unit=\"KiB\">131072</memory>",
                        "+  <memory unit=\"KiB\">262144</memory>");
        assertThat(diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++"))).hasSize(1);
    }

    @Test
    void conflictingUuidIsRefused() throws Exception {
        String desired = res("defined-source.xml").replace("357380d6", "00000000");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                Definition.toDefine(
                                        xml(desired), xml(res("inactive-libvirt-9.0.xml"))))
                .hasMessageContaining("already exists with uuid 357380d6");
    }
}
