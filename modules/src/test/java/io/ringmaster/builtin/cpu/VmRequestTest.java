package io.ringmaster.builtin.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * kvm_vms entries as the planner reads them, and existing domains' pins from libvirt 9.0's own XML.
 */
class VmRequestTest {

    @Test
    void aKvmVmsEntryWithVolumesPathsAndOwnPins() {
        VmRequest vm =
                VmRequest.fromMap(
                        Map.of(
                                "name",
                                "kafka1",
                                "vcpus",
                                2,
                                "memory_mib",
                                4096,
                                "vcpu_pins",
                                List.of("17", "18"),
                                "emulator_cpuset",
                                "16",
                                "iothreads",
                                List.of(Map.of("cpuset", "48"), Map.of("cpuset", "49")),
                                "disks",
                                List.of(
                                        Map.of("dev", "vda", "volume", "k-os.qcow2", "iothread", 1),
                                        Map.of(
                                                "dev",
                                                "vdb",
                                                "path",
                                                "/dev/disk/by-id/nvme-X",
                                                "iothread",
                                                2),
                                        Map.of(
                                                "dev",
                                                "vdc",
                                                "volume",
                                                "elsewhere",
                                                "pool",
                                                "other"))),
                        Optional.of("/srv/pool/"));
        assertThat(vm.diskPaths())
                .containsExactly("/srv/pool/k-os.qcow2", "/dev/disk/by-id/nvme-X");
        assertThat(vm.iothreads()).isEqualTo(2);
        assertThat(vm.explicitVcpuPins()).containsExactly("17", "18");
        assertThat(vm.explicitEmulator()).contains("16");
        assertThat(vm.explicitIothreadPins()).containsExactly("48", "49");
    }

    @Test
    void iothreadsDefaultToTheHighestDiskIothreadOrOne() {
        assertThat(
                        VmRequest.fromMap(
                                        Map.of(
                                                "name",
                                                "a",
                                                "vcpus",
                                                1,
                                                "disks",
                                                List.of(Map.of("path", "/x", "iothread", 3))),
                                        Optional.empty())
                                .iothreads())
                .isEqualTo(3);
        assertThat(
                        VmRequest.fromMap(
                                        Map.of(
                                                "name",
                                                "a",
                                                "vcpus",
                                                1,
                                                "disks",
                                                List.of(Map.of("path", "/x"))),
                                        Optional.empty())
                                .iothreads())
                .isEqualTo(1);
        VmRequest unpinned =
                VmRequest.fromMap(
                        Map.of(
                                "name",
                                "a",
                                "vcpus",
                                1,
                                "iothreads",
                                List.of(Map.of(), Map.of()),
                                "disks",
                                List.of()),
                        Optional.empty());
        assertThat(unpinned.iothreads()).isEqualTo(2);
        assertThat(unpinned.explicitIothreadPins()).isEmpty();
    }

    @Test
    void pinsThatDoNotMatchTheVcpusAreRefused() {
        assertThatThrownBy(
                        () ->
                                VmRequest.fromMap(
                                        Map.of(
                                                "name",
                                                "a",
                                                "vcpus",
                                                2,
                                                "vcpu_pins",
                                                List.of("1"),
                                                "disks",
                                                List.of()),
                                        Optional.empty()))
                .hasMessage(
                        "VM 'a' has 2 vcpus but 1 vcpu_pins: give one cpuset per vCPU, or none to let cpu_plan place it");
    }

    @Test
    void existingPinsFromLibvirtsOwnDefinitions() throws Exception {
        String dumps =
                Files.readString(Path.of("src/test/resources/virt/inactive-libvirt-9.0.xml"))
                        + Files.readString(Path.of("src/test/resources/virt/live-libvirt-9.0.xml"))
                                .replace("rm-scratch", "other")
                        + "<domain><name>floating</name><vcpu>2</vcpu></domain>\n";
        Map<String, Placement> p = DomainPlacements.parse(dumps);
        assertThat(p).containsOnlyKeys("rm-scratch", "other");
        assertThat(p.get("rm-scratch").vcpuPins()).containsExactly("0", "1");
        assertThat(p.get("rm-scratch").emulatorCpuset()).isEqualTo("0");
        assertThat(p.get("rm-scratch").iothreadPins()).containsExactly("1");
    }
}
