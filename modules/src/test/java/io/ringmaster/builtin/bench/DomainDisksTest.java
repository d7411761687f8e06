package io.ringmaster.builtin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainDisksTest {

    static final String XML =
            """
            <domain type='kvm'>
              <name>rmb-vm</name>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw' cache='none' io='io_uring'/>
                  <source file='/var/tmp/rmb-a.img'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <disk type='block' device='disk'>
                  <driver name='qemu' type='raw' cache='none' io='native'/>
                  <source dev='/dev/disk/by-id/nvme-x'/>
                  <target dev='vdb' bus='virtio'/>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='/var/tmp/rmb-c.qcow2'/>
                  <target dev='vdc' bus='virtio'/>
                </disk>
                <disk type='volume' device='disk'>
                  <driver name='qemu' type='raw' io='io_uring'/>
                  <source pool='default' volume='rmb-d.img'/>
                  <target dev='vdd' bus='virtio'/>
                </disk>
                <disk type='file' device='cdrom'>
                  <target dev='sda' bus='sata'/>
                </disk>
                <disk type='network' device='disk'>
                  <source protocol='rbd' name='pool/img'/>
                  <target dev='vde' bus='virtio'/>
                </disk>
              </devices>
            </domain>
            """;

    @Test
    void eachDiskCarriesItsConfiguredModeThreadsWhenAbsent() throws Exception {
        List<Disk> disks = DomainDisks.parse(XML);
        assertThat(disks)
                .extracting(Disk::name)
                .containsExactly("vda", "vdb", "vdc", "vdd", "sda", "vde");
        assertThat(disks)
                .extracting(d -> d.configuredMode().orElseThrow())
                .containsExactly("io_uring", "native", "threads", "io_uring", "threads", "threads");
        assertThat(disks.get(1).path()).contains("/dev/disk/by-id/nvme-x");
        assertThat(disks.get(2).format()).isEqualTo("qcow2");
    }

    @Test
    void aVolumeDiskNamesItsPoolAndVolume() throws Exception {
        Disk d = DomainDisks.parse(XML).get(3);
        assertThat(d.path()).isEmpty();
        assertThat(d.pool()).contains("default");
        assertThat(d.volume()).contains("rmb-d.img");
        assertThat(d.skipNote()).isEmpty();
    }

    @Test
    void cdromsAndNetworkDisksAreSkippedWithAReason() throws Exception {
        List<Disk> disks = DomainDisks.parse(XML);
        assertThat(disks.get(4).skipNote()).isEqualTo(Optional.of("sda is a cdrom, not a disk"));
        assertThat(disks.get(5).skipNote().orElseThrow()).contains("network disk");
    }
}
