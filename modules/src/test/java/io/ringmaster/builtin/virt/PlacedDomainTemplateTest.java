package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.fixtures.TestExpressions;
import io.ringmaster.builtin.support.Xml;
import io.ringmaster.module.api.ExpressionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * domain-io_uring.xml.vm with cpu_plan's plan: iothread_pins, <numatune>, and virtqueue mapping
 * (libvirt >= 10.0).
 */
class PlacedDomainTemplateTest {

    static Map<String, Object> planned(boolean mapping) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "kafka1");
        v.put("memory_mib", 4096);
        v.put("vcpus", 2);
        v.put("vcpu_pins", List.of("8", "24"));
        v.put("emulator_cpuset", "0,16");
        v.put("iothread_pins", List.of("15,31", "15,31"));
        v.put("memory_nodeset", "1");
        v.put("virtqueue_mapping", mapping);
        v.put(
                "disks",
                List.of(
                        Map.of(
                                "path",
                                "/dev/disk/by-id/nvme-X",
                                "dev",
                                "vda",
                                "format",
                                "raw",
                                "iothreads",
                                List.of(1, 2)),
                        Map.of(
                                "path",
                                "/srv/os.qcow2",
                                "dev",
                                "vdb",
                                "format",
                                "qcow2",
                                "iothread",
                                1)));
        return v;
    }

    static String render(Map<String, Object> vars) throws ExpressionException {
        return new TestExpressions(List.of(TestExpressions.projectTemplates()), Map.of())
                .renderTemplate("domain-io_uring.xml.vm", vars);
    }

    @Test
    void thePlanGivesPinsIothreadsAndNumatune() throws Exception {
        Element d = Xml.parse(render(planned(false))).getDocumentElement();
        assertThat(Tuning.pins(d))
                .extracting(Tuning.Pin::describe)
                .containsExactly(
                        "vcpupin vcpu 0 -> 8",
                        "vcpupin vcpu 1 -> 24",
                        "emulatorpin -> 0,16",
                        "iothreadpin iothread 1 -> 15,31",
                        "iothreadpin iothread 2 -> 15,31");
        assertThat(Xml.text(Xml.child(d, "iothreads"))).isEqualTo("2");
        Element mem = Xml.path(d, "numatune/memory");
        assertThat(mem.getAttribute("mode")).isEqualTo("strict");
        assertThat(mem.getAttribute("nodeset")).isEqualTo("1");
    }

    @Test
    void aVmsOwnIothreadEntriesWinOverThePlan() throws Exception {
        Map<String, Object> v = planned(false);
        v.put("iothreads", List.of(Map.of("poll_max_ns", 32768), Map.of("cpuset", "7")));
        Element d = Xml.parse(render(v)).getDocumentElement();
        assertThat(Tuning.pins(d))
                .extracting(Tuning.Pin::describe)
                .contains("iothreadpin iothread 1 -> 15,31", "iothreadpin iothread 2 -> 7");
        assertThat(Tuning.polls(d)).containsExactly(new Tuning.Poll("1", 32768, -1, -1));
    }

    @Test
    void withoutVirtqueueMappingADiskWithSeveralIothreadsGetsItsFirst() throws Exception {
        String xml = render(planned(false));
        assertThat(xml).doesNotContain("queues=").doesNotContain("<iothreads>\n");
        Element disk =
                Xml.children(Xml.child(Xml.parse(xml).getDocumentElement(), "devices"), "disk")
                        .get(0);
        assertThat(Xml.child(disk, "driver").getAttribute("iothread")).isEqualTo("1");
    }

    @Test
    void withVirtqueueMappingADiskIsServedByAllItsIothreads() throws Exception {
        String xml = render(planned(true));
        List<Element> disks =
                Xml.children(Xml.child(Xml.parse(xml).getDocumentElement(), "devices"), "disk");
        Element driver = Xml.child(disks.get(0), "driver");
        assertThat(driver.getAttribute("queues")).isEqualTo("2");
        assertThat(driver.hasAttribute("iothread"))
                .as("libvirt refuses iothread= beside <iothreads>")
                .isFalse();
        assertThat(Xml.children(Xml.child(driver, "iothreads"), "iothread"))
                .extracting(e -> e.getAttribute("id"))
                .containsExactly("1", "2");
        assertThat(xml)
                .contains(
                        """
                      <driver name='qemu' type='raw' cache='none' io='io_uring' discard='unmap' detect_zeroes='unmap' queues='2'>
                        <iothreads>
                          <iothread id='1'/>
                          <iothread id='2'/>
                        </iothreads>
                      </driver>
                """);
        assertThat(Xml.child(disks.get(1), "driver").getAttribute("iothread")).isEqualTo("1");
    }
}
