package io.ringmaster.builtin.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A described two-socket /sys tree, laid out as the kernel does: node0 CPUs 0-1 + siblings 4-5,
 * node1 2-3 + 6-7; sda (with sda1) on node 0 through its PCI parent, nvme0n1 (with nvme0n1p1) on
 * node 1, dm-0 on nvme0n1p1.
 */
final class TwoSocketTree {
    private TwoSocketTree() {}

    static void write(Path r) throws IOException {
        file(r, "sys/devices/system/node/node0/cpulist", "0-1,4-5");
        file(
                r,
                "sys/devices/system/node/node0/meminfo",
                "Node 0 MemTotal:       67108864 kB\nNode 0 MemFree: 1 kB");
        file(r, "sys/devices/system/node/node1/cpulist", "2-3,6-7");
        file(r, "sys/devices/system/node/node1/meminfo", "Node 1 MemTotal:       33554432 kB");
        file(r, "sys/devices/system/cpu/online", "0-7");
        file(r, "sys/devices/system/cpu/isolated", "2-3,6-7");
        for (int c = 0; c < 8; c++) {
            file(
                    r,
                    "sys/devices/system/cpu/cpu" + c + "/topology/thread_siblings_list",
                    (c % 4) + "," + (c % 4 + 4));
            // as the kernel lists a node's CPUs: a cpuN link in the node's directory
            link(
                    r,
                    "sys/devices/system/node/node" + (c % 4 < 2 ? 0 : 1) + "/cpu" + c,
                    "../../cpu/cpu" + c);
        }
        String sata = "sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0";
        file(r, "sys/devices/pci0000:00/0000:00:17.0/numa_node", "0");
        disk(r, sata + "/block/sda", "sda", "../../../0:0:0:0");
        String nvme = "sys/devices/pci0000:80/0000:80:01.0/0000:81:00.0/nvme/nvme0";
        file(r, nvme + "/numa_node", "1");
        disk(r, nvme + "/nvme0n1", "nvme0n1", "../../nvme0");
        file(r, "sys/devices/virtual/block/dm-0/slaves/.keep", "");
        link(
                r,
                "sys/devices/virtual/block/dm-0/slaves/nvme0n1p1",
                "../../../../" + nvme.substring(12) + "/nvme0n1/nvme0n1p1");
        link(r, "sys/class/block/dm-0", "../../devices/virtual/block/dm-0");
        link(r, "dev/disk/by-id/nvme-SAMSUNG_X_S64H", "../../nvme0n1");
        link(r, "dev/disk/by-id/nvme-SAMSUNG_X_S64H-part1", "../../nvme0n1p1");
        link(r, "dev/mapper/vg-lv", "../dm-0");
        file(
                r,
                "proc/cmdline",
                "BOOT_IMAGE=/vmlinuz ro isolcpus=managed_irq,domain,2-3,6-7 nohz_full=3,7 quiet");
        file(
                r,
                "proc/mounts",
                "/dev/sda1 / ext4 rw 0 0\nproc /proc proc rw 0 0\n"
                        + "/dev/mapper/vg-lv /srv/nvme\\040space xfs rw 0 0\n");
    }

    /**
     * A disk at {@code dir} with its partition NAME + (p)1, its class links and its device link.
     */
    private static void disk(Path r, String dir, String name, String deviceLink)
            throws IOException {
        String part = name + (name.matches(".*\\d") ? "p1" : "1");
        link(r, dir + "/device", deviceLink);
        file(r, dir + "/" + part + "/partition", "1");
        String up = "../../" + dir.substring(4);
        link(r, "sys/class/block/" + name, up);
        link(r, "sys/class/block/" + part, up + "/" + part);
        file(r, "dev/" + name, "");
        file(r, "dev/" + part, "");
    }

    private static void file(Path r, String path, String text) throws IOException {
        Path p = r.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text + (text.isEmpty() ? "" : "\n"));
    }

    private static void link(Path r, String path, String target) throws IOException {
        Path p = r.resolve(path);
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
    }
}
