package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.builtin.fixtures.TestExpressions;
import io.ringmaster.builtin.support.Xml;
import io.ringmaster.module.api.ExpressionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** domain-io_uring.xml.vm rendered as the engine will: strict Velocity, references XML-escaped. */
class DomainTemplateTest {

    private static Map<String, Object> minimal(String name) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("memory_mib", 512);
        v.put("vcpus", 2);
        v.put(
                "disks",
                List.of(
                        Map.of(
                                "path",
                                "/var/lib/libvirt/images/a.raw",
                                "dev",
                                "vda",
                                "format",
                                "raw")));
        return v;
    }

    private static String render(Map<String, Object> vars) throws ExpressionException {
        return new TestExpressions(List.of(TestExpressions.projectTemplates()), Map.of())
                .renderTemplate("domain-io_uring.xml.vm", vars);
    }

    @Test
    void minimalVariablesRenderUnderStrictMode() throws Exception {
        Element d = Xml.parse(render(minimal("vm1"))).getDocumentElement();
        assertThat(Xml.text(Xml.child(d, "name"))).isEqualTo("vm1");
        Element driver = Xml.path(d, "devices/disk/driver");
        assertThat(driver.getAttribute("io")).isEqualTo("io_uring");
        assertThat(driver.getAttribute("cache")).isEqualTo("none");
        assertThat(driver.getAttribute("discard")).isEqualTo("unmap");
        assertThat(driver.getAttribute("detect_zeroes")).isEqualTo("unmap");
        assertThat(driver.hasAttribute("iothread")).isFalse();
        assertThat(Xml.child(d, "cputune")).isNull();
        assertThat(Xml.text(Xml.path(d, "cpu/model"))).isEqualTo("qemu64");
    }

    @Test
    void fullVariablesGivePinsIothreadsPollingAndBlockDevices() throws Exception {
        Map<String, Object> v = minimal("vm2");
        v.put("vcpu_pins", List.of(2, 3));
        v.put("emulator_cpuset", "0-1");
        v.put(
                "iothreads",
                List.of(
                        Map.of(
                                "cpuset",
                                "4",
                                "poll_max_ns",
                                32768,
                                "poll_grow",
                                0,
                                "poll_shrink",
                                0),
                        Map.of("cpuset", "5")));
        v.put(
                "disks",
                List.of(
                        Map.of(
                                "path",
                                "/dev/disk/by-id/nvme-X_1",
                                "dev",
                                "vda",
                                "format",
                                "raw",
                                "iothread",
                                1),
                        Map.of(
                                "path",
                                "/srv/b.qcow2",
                                "dev",
                                "vdb",
                                "format",
                                "qcow2",
                                "iothread",
                                2,
                                "serial",
                                "b")));
        v.put("cpu_mode", "host-passthrough");
        v.put("cpu_features_disable", List.of("arch-capabilities"));
        v.put("network", Map.of("type", "bridge", "source", "br0"));
        String xml = render(v);
        Element d = Xml.parse(xml).getDocumentElement();
        assertThat(Tuning.pins(d))
                .extracting(Tuning.Pin::describe)
                .containsExactly(
                        "vcpupin vcpu 0 -> 2",
                        "vcpupin vcpu 1 -> 3",
                        "emulatorpin -> 0-1",
                        "iothreadpin iothread 1 -> 4",
                        "iothreadpin iothread 2 -> 5");
        assertThat(Tuning.polls(d)).containsExactly(new Tuning.Poll("1", 32768, 0, 0));
        assertThat(xml)
                .contains(
                        "<iothreads>2</iothreads>",
                        "<disk type='block' device='disk'>",
                        "<source dev='/dev/disk/by-id/nvme-X_1'/>",
                        "<source file='/srv/b.qcow2'/>",
                        "type='qcow2'",
                        "<cpu mode='host-passthrough' check='none'>",
                        "name='arch-capabilities'",
                        "<source bridge='br0'/>");
    }

    @Test
    void hostileValuesAreEscapedNotInterpreted() throws Exception {
        String evil = "a</name><evil/>'\"&";
        Map<String, Object> v = minimal(evil);
        v.put("disks", List.of(Map.of("path", "/x/'/><evil/>.raw", "dev", "vda", "format", "raw")));
        Element d = Xml.parse(render(v)).getDocumentElement();
        assertThat(Xml.text(Xml.child(d, "name"))).isEqualTo(evil);
        assertThat(Xml.path(d, "devices/disk/source").getAttribute("file"))
                .isEqualTo("/x/'/><evil/>.raw");
        assertThat(d.getElementsByTagName("evil").getLength()).isZero();
    }

    @Test
    void aMissingRequiredVariableIsAnError() {
        Map<String, Object> v = minimal("vm3");
        v.remove("memory_mib");
        assertThatThrownBy(() -> render(v))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("memory_mib");
    }

    @Test
    void poolVolumesSpreadVcpusAndPerDiskCacheAndIo() throws Exception {
        Map<String, Object> v = minimal("vm1");
        v.put("vcpus", 3);
        v.put("vcpu_cpus", List.of(1, 2));
        v.put(
                "disks",
                List.of(
                        Map.of(
                                "pool",
                                "ringmaster",
                                "volume",
                                "vm1-vda.qcow2",
                                "dev",
                                "vda",
                                "format",
                                "qcow2",
                                "cache",
                                "writeback",
                                "io",
                                "threads")));
        Element d = Xml.parse(render(v)).getDocumentElement();
        Element disk = Xml.path(d, "devices/disk");
        assertThat(disk.getAttribute("type")).isEqualTo("volume");
        assertThat(Xml.child(disk, "source").getAttribute("pool")).isEqualTo("ringmaster");
        assertThat(Xml.child(disk, "source").getAttribute("volume")).isEqualTo("vm1-vda.qcow2");
        assertThat(Xml.child(disk, "driver").getAttribute("cache")).isEqualTo("writeback");
        assertThat(Xml.child(disk, "driver").getAttribute("io")).isEqualTo("threads");
        assertThat(
                        Xml.children(Xml.child(d, "cputune"), "vcpupin").stream()
                                .map(e -> e.getAttribute("cpuset"))
                                .toList())
                .containsExactly("1", "2", "1");
    }
}
