package io.ringmaster.builtin.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.fixtures.LocalShellRemote;
import io.ringmaster.builtin.virt.Contexts;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cpu_plan as a module: the existing domains are read for real by virsh (libvirt's in-process test
 * driver, loaded from a node file: no daemon, nothing shared), the topology comes from the facts,
 * the result has the documented shape.
 */
class CpuPlanModuleTest {

    static final String NODE =
            """
            <node>
              <domain type='test'>
                <name>kept</name><uuid>11111111-2222-3333-4444-555555555555</uuid>
                <memory>131072</memory><vcpu placement='static'>2</vcpu><iothreads>1</iothreads>
                <cputune><vcpupin vcpu='0' cpuset='2'/><vcpupin vcpu='1' cpuset='18'/><emulatorpin cpuset='0,16'/>
                  <iothreadpin iothread='1' cpuset='7,23'/></cputune>
                <os><type>hvm</type></os>
              </domain>
              <domain type='test'>
                <name>legacy</name><uuid>11111111-2222-3333-4444-666666666666</uuid>
                <memory>131072</memory><vcpu placement='static'>1</vcpu>
                <cputune><vcpupin vcpu='0' cpuset='1'/></cputune>
                <os><type>hvm</type></os>
              </domain>
            </node>
            """;

    static Map<String, Object> vm(String name, int vcpus, String disk) {
        return Map.of(
                "name",
                name,
                "vcpus",
                vcpus,
                "memory_mib",
                1024,
                "disks",
                List.of(Map.of("dev", "vda", "path", disk)));
    }

    static Map<String, Object> facts() {
        return Map.of(
                "ansible_facts",
                Map.of(
                        "numa_topology",
                        Hosts.twoSocketsSmtNvmeOnNode1().toMap(),
                        "isolated_cpus",
                        List.of(),
                        "libvirt_version",
                        "9.0.0",
                        "qemu_version",
                        "7.2.22"));
    }

    ModuleResult run(Map<String, Object> args, Path node) throws Exception {
        Map<String, Object> a = new LinkedHashMap<>(args);
        a.put("uri", "test://" + node.toAbsolutePath());
        ModuleContext ctx =
                Contexts.of(
                        new CpuPlanModule(),
                        a,
                        facts(),
                        new LocalShellRemote(),
                        List.of(),
                        false,
                        false);
        return new CpuPlanModule().run(ctx);
    }

    @Test
    @SuppressWarnings("unchecked")
    void keepsExistingDomainsAvoidsOthersAndPlacesTheRest(@TempDir Path dir) throws Exception {
        Path node = Files.writeString(dir.resolve("node.xml"), NODE);
        ModuleResult r =
                run(
                        Map.of(
                                "vms",
                                List.of(
                                        vm("kept", 2, "/var/lib/a.raw"),
                                        vm("new", 2, "/var/lib/b.raw"),
                                        vm("kafka", 2, CpuPlannerTest.NVME))),
                        node);
        assertThat(r).as(r.msg()).isInstanceOf(ModuleResult.Ok.class);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> plan =
                (Map<String, Map<String, Object>>) r.data().get("plan");
        assertThat(plan.get("kept"))
                .isEqualTo(
                        Map.of(
                                "vcpu_pins",
                                List.of("2", "18"),
                                "emulator_cpuset",
                                "0,16",
                                "iothread_pins",
                                List.of("7,23"),
                                "numa_node",
                                0,
                                "memory_nodeset",
                                "0"));
        // core 1,17 is legacy's (a domain not in vms), core 2,18 kept's, 7,23 kept's IOThreads
        assertThat(plan.get("new").get("vcpu_pins")).isEqualTo(List.of("3", "19"));
        assertThat(plan.get("kafka"))
                .containsEntry("numa_node", 1)
                .containsEntry("vcpu_pins", List.of("8", "24"));
        assertThat(r.data())
                .containsEntry("housekeeping", "0,16")
                .containsEntry("virtqueue_mapping", false);
        assertThat((List<Object>) r.data().get("free"))
                .doesNotContain((Object) 0, 16, 1, 17, 2, 18, 3, 19, 7, 23, 8, 24);
    }

    @Test
    void ignoringOtherDomainsAndATooSmallHostFailsWithTheHostNamed(@TempDir Path dir)
            throws Exception {
        Path node = Files.writeString(dir.resolve("node.xml"), NODE);
        ModuleResult ignored =
                run(Map.of("vms", List.of(vm("new", 2, "/x")), "other_domains", "ignore"), node);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> plan =
                (Map<String, Map<String, Object>>) ignored.data().get("plan");
        assertThat(plan.get("new").get("vcpu_pins")).isEqualTo(List.of("1", "17"));
        ModuleResult big = run(Map.of("vms", List.of(vm("huge", 40, "/x"))), node);
        assertThat(big).isInstanceOf(ModuleResult.Failed.class);
        assertThat(big.msg())
                .startsWith(
                        "cpu_plan on testhost: VM 'huge' does not fit: it needs 20 whole cores");
    }

    @Test
    void aBadVmOrTopologyIsAUserErrorNotACrash(@TempDir Path dir) throws Exception {
        Path node = Files.writeString(dir.resolve("node.xml"), NODE);
        ModuleResult r =
                run(
                        Map.of(
                                "vms",
                                List.of(Map.of("name", "x", "vcpus", "two", "disks", List.of()))),
                        node);
        assertThat(r.msg())
                .isEqualTo(
                        "cpu_plan on testhost: VM 'x': vcpus must be a positive number, not 'two'");
        ModuleResult t =
                run(
                        Map.of(
                                "vms",
                                List.of(vm("a", 1, "/x")),
                                "topology",
                                Map.of("nodes", List.of())),
                        node);
        assertThat(t.msg()).contains("topology has no 'nodes' list");
    }

    @Test
    void aHostWhoseSysShowsNoCpusSaysSo(@TempDir Path dir) throws Exception {
        Path node = Files.writeString(dir.resolve("node.xml"), NODE);
        Map<String, Object> vars =
                Map.of(
                        "ansible_facts",
                        Map.of("numa_topology", Map.of("nodes", List.of(), "devices", Map.of())));
        ModuleContext ctx =
                Contexts.of(
                        new CpuPlanModule(),
                        Map.of("vms", List.of(vm("a", 1, "/x")), "uri", "test://" + node),
                        vars,
                        new LocalShellRemote(),
                        List.of(),
                        false,
                        false);
        assertThat(new CpuPlanModule().run(ctx).msg())
                .startsWith("cpu_plan on testhost: no CPUs found in /sys/devices/system");
    }

    @Test
    void virtqueueMappingNeedsLibvirt10AndQemu9() {
        assertThat(
                        CpuPlanModule.virtqueueMapping(
                                Map.of("libvirt_version", "10.0.0", "qemu_version", "9.0.0")))
                .isTrue();
        assertThat(
                        CpuPlanModule.virtqueueMapping(
                                Map.of("libvirt_version", "10.0.0", "qemu_version", "8.2.2")))
                .isFalse();
        assertThat(
                        CpuPlanModule.virtqueueMapping(
                                Map.of("libvirt_version", "9.0.0", "qemu_version", "9.1.0")))
                .isFalse();
        assertThat(CpuPlanModule.virtqueueMapping(Map.of())).isFalse();
    }
}
