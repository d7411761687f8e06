package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.support.Xml;
import io.ringmaster.builtin.virt.CorpusEdits.Edit;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The corpus test's template edits, on a virt-install-shaped definition (no libvirtd). */
class CorpusEditsTest {
    private static final String XML =
            """
            <domain type="kvm">
              <name>rmc-999-t</name>
              <memory unit="MiB">1024</memory>
              <currentMemory>1048576</currentMemory>
              <vcpu>2</vcpu>
              <os><type arch="x86_64" machine="q35">hvm</type></os>
              <cpu mode="host-passthrough"><numa><cell cpus="0" memory="512" unit="MiB"/><cell cpus="1" memory="524288"/></numa></cpu>
              <devices>
                <disk type="file" device="cdrom"><target dev="sda" bus="sata"/></disk>
                <disk type="file" device="disk"><driver name="qemu" type="qcow2" cache="none" io="native"/>
                  <source file="/var/lib/libvirt/images/rmc-corpus/rmc-999-t-d1.qcow2"/><target dev="vda" bus="virtio"/></disk>
                <interface type="user"><mac address="52:54:00:00:00:01"/></interface>
                <channel type="spicevmc"><target type="virtio" name="com.redhat.spice.0"/></channel>
                <graphics type="spice" autoport="yes"/>
              </devices>
            </domain>
            """;

    private static Element root() throws Xml.XmlException {
        return Xml.parse(XML).getDocumentElement();
    }

    private static Element parse(Edit e) throws Xml.XmlException {
        return Xml.parse(e.xml()).getDocumentElement();
    }

    @Test
    void memoryIsDoubledInKibAndSoAreTheNumaCells() throws Exception {
        Edit e = CorpusEdits.memory(root());
        Element t = parse(e);
        assertThat(Xml.text(Xml.child(t, "memory"))).isEqualTo("2097152");
        assertThat(Xml.child(t, "memory").getAttribute("unit")).isEqualTo("KiB");
        assertThat(Xml.children(Xml.path(t, "cpu/numa"), "cell"))
                .extracting(c -> c.getAttribute("memory"))
                .containsExactly("1048576", "1048576");
        assertThat(e.holds().test(t)).isTrue();
        assertThat(e.holds().test(root())).isFalse();
    }

    @Test
    void theFirstRealDiskSwitchesCacheAndIoAndTheCdromIsLeftAlone() throws Exception {
        Edit e = CorpusEdits.diskCache(root());
        Element vda = CorpusEdits.disk(parse(e), "vda");
        assertThat(Xml.child(vda, "driver").getAttribute("cache")).isEqualTo("writeback");
        assertThat(Xml.child(vda, "driver").getAttribute("io")).isEqualTo("threads");
        assertThat(e.holds().test(parse(e))).isTrue();
        assertThat(e.holds().test(root())).isFalse();
    }

    @Test
    void vcpusGrowByOneAndTheEmulatorIsPinned() throws Exception {
        Element t = root();
        assertThat(Xml.text(Xml.child(parse(CorpusEdits.vcpus(t)), "vcpu"))).isEqualTo("3");
        Edit pin = CorpusEdits.pin(t);
        assertThat(Xml.path(parse(pin), "cputune/emulatorpin").getAttribute("cpuset"))
                .isEqualTo("1");
        assertThat(pin.holds().test(parse(pin))).isTrue();
        assertThat(
                        Xml.path(parse(CorpusEdits.pin(t)), "cputune/emulatorpin")
                                .getAttribute("cpuset"))
                .isEqualTo("0");
    }

    @Test
    void aSingleVcpuTopologyGetsASecondSocket() throws Exception {
        Element t =
                Xml.parse(
                                XML.replace("<vcpu>2</vcpu>", "<vcpu>1</vcpu>")
                                        .replace(
                                                "<numa>",
                                                "<topology sockets=\"1\" cores=\"1\" threads=\"1\"/><numa>"))
                        .getDocumentElement();
        Element v = parse(CorpusEdits.vcpus(t));
        assertThat(Xml.text(Xml.child(v, "vcpu"))).isEqualTo("2");
        assertThat(Xml.path(v, "cpu/topology").getAttribute("sockets")).isEqualTo("2");
        Element four =
                Xml.parse(
                                XML.replace("<vcpu>2</vcpu>", "<vcpu>4</vcpu>")
                                        .replace(
                                                "<numa>",
                                                "<topology sockets=\"1\" cores=\"2\" threads=\"2\"/><numa>"))
                        .getDocumentElement();
        assertThat(Xml.child(parse(CorpusEdits.vcpus(four)), "vcpu").getAttribute("current"))
                .isEqualTo("3");
    }

    @Test
    void removalsTakeWhatTheTemplateHasAndGraphicsTakeTheSpiceChannelAlong() throws Exception {
        assertThat(CorpusEdits.removable(root()))
                .containsExactly(
                        "graphics", "channel", "cpu", "disk-cache", "last-disk", "last-interface");
        Edit g = CorpusEdits.remove(root(), "graphics");
        assertThat(g.xml()).doesNotContain("<graphics", "spicevmc");
        assertThat(g.holds().test(parse(g))).isTrue();
        assertThat(g.holds().test(root())).isFalse();
        Edit cache = CorpusEdits.remove(root(), "disk-cache");
        assertThat(cache.xml()).doesNotContain("cache=", "io=\"native\"");
        Edit disk = CorpusEdits.remove(root(), "last-disk");
        assertThat(disk.xml()).contains("dev=\"sda\"").doesNotContain("dev=\"vda\"");
        assertThat(disk.holds().test(parse(disk))).isTrue();
        assertThat(disk.holds().test(root())).isFalse();
    }
}
