#!/usr/bin/python3
"""Generates OpenStack-Nova-shaped domain XML with Nova's own config classes (a one-off tool run by hand on the build
machine; see modules/src/test/resources/virt/corpus/SOURCES.md).

  Needs: apt-get install -y --no-install-recommends python3-nova   (Nova 26 "Zed", Debian 12)
  Usage: /usr/bin/python3 generate-nova.py OUTDIR   -> OUTDIR/NNN-nova-<flavor>.xml and OUTDIR/commands.tsv

Each guest is built as nova.virt.libvirt.driver._get_guest_config builds a KVM x86_64 instance (sysinfo, features,
clock and timers, disks with Nova's cache/io/discard, a tap-backed bridge VIF, pty serial with a log file, VNC or
SPICE, video, tablet, guest agent, rng, memballoon, pinning and NUMA for dedicated-CPU flavors, hugepages) and
serialised by LibvirtConfigGuest.to_xml(): the XML text is Nova's.
"""
import sys
import uuid

from nova.virt.libvirt import config as vc

OUT = sys.argv[1]
INST = "/var/lib/nova/instances/%s"

FLAVORS = [  # name, MiB, vcpus, machine, os_type, disk bus, vif model, video, graphics, extras
    ("m1-small", 2048, 1, "pc", "linux", "virtio", "virtio", "cirrus", "vnc", ()),
    ("m1-medium", 4096, 2, "q35", "linux", "virtio", "virtio", "virtio", "vnc", ("agent",)),
    ("m1-large", 8192, 4, "q35", "linux", "scsi", "virtio", "virtio", "vnc", ("agent", "rng")),
    ("win-medium", 4096, 2, "q35", "windows", "sata", "e1000e", "qxl", "spice", ("agent",)),
    ("win-large", 8192, 4, "pc", "windows", "virtio", "virtio", "vga", "vnc", ("rng",)),
    ("dedicated-2", 4096, 2, "q35", "linux", "virtio", "virtio", "virtio", "vnc", ("pinned", "agent")),
    ("dedicated-4", 8192, 4, "q35", "linux", "virtio", "virtio", "virtio", "vnc", ("pinned", "hugepages")),
    ("numa-2", 4096, 2, "q35", "linux", "virtio", "virtio", "virtio", "vnc", ("numa",)),
    ("ephemeral", 2048, 2, "pc", "linux", "virtio", "virtio", "cirrus", "vnc", ("ephemeral", "swap")),
    ("configdrive", 2048, 1, "q35", "linux", "virtio", "virtio", "virtio", "vnc", ("configdrive", "agent")),
    ("headless", 1024, 1, "q35", "linux", "virtio", "virtio", None, None, ("rng",)),
    ("shares", 2048, 2, "pc", "linux", "virtio", "rtl8139", "cirrus", "vnc", ("shares",)),
    ("two-nics", 2048, 2, "q35", "linux", "virtio", "virtio", "virtio", "vnc", ("nic2",)),
    ("writeback", 2048, 2, "q35", "linux", "virtio", "virtio", "virtio", "vnc", ("writeback",)),
]


def sysinfo(u):
    s = vc.LibvirtConfigGuestSysinfo()
    s.system_manufacturer = "OpenStack Foundation"
    s.system_product = "OpenStack Nova"
    s.system_version = "26.2.2"
    s.system_serial = u
    s.system_uuid = u
    s.system_family = "Virtual Machine"
    return s


def features(g, os_type):
    g.features.append(vc.LibvirtConfigGuestFeatureACPI())
    g.features.append(vc.LibvirtConfigGuestFeatureAPIC())
    if os_type == "windows":
        hv = vc.LibvirtConfigGuestFeatureHyperV()
        hv.relaxed = True
        hv.spinlocks = True
        hv.spinlock_retries = 8191
        hv.vapic = True
        g.features.append(hv)
    g.features.append(vc.LibvirtConfigGuestFeatureVMCoreInfo())


def clock(g, os_type):
    clk = vc.LibvirtConfigGuestClock()
    clk.offset = "localtime" if os_type == "windows" else "utc"
    for name, policy in (("pit", "delay"), ("rtc", "catchup")):
        t = vc.LibvirtConfigGuestTimer()
        t.name = name
        t.tickpolicy = policy
        clk.add_timer(t)
    hpet = vc.LibvirtConfigGuestTimer()
    hpet.name = "hpet"
    hpet.present = False
    clk.add_timer(hpet)
    if os_type == "windows":
        hv = vc.LibvirtConfigGuestTimer()
        hv.name = "hypervclock"
        hv.present = True
        clk.add_timer(hv)
    g.set_clock(clk)


def disk(path, dev, bus, cache="none", device="disk", fmt="qcow2", readonly=False):
    d = vc.LibvirtConfigGuestDisk()
    d.source_type = "file"
    d.source_device = device
    d.driver_name = "qemu"
    d.driver_format = fmt
    d.driver_cache = cache
    if cache == "none" and device == "disk":
        d.driver_io = "native"
        d.driver_discard = "unmap"
    d.source_path = path
    d.target_dev = dev
    d.target_bus = bus
    d.readonly = readonly
    return d


def vif(model, n):
    i = vc.LibvirtConfigGuestInterface()
    i.net_type = "bridge"
    i.mac_addr = "fa:16:3e:%02x:%02x:%02x" % (n, n * 7 % 256, n * 13 % 256)
    i.model = model
    i.source_dev = "brq%08x" % n
    i.target_dev = "tap%08x-%02x" % (n, n)
    i.mtu = 1450
    return i


def cpu(vcpus, cells):
    c = vc.LibvirtConfigGuestCPU()
    c.mode = "host-model"
    c.match = "exact"
    c.sockets, c.cores, c.threads = vcpus, 1, 1
    if cells:
        numa = vc.LibvirtConfigGuestCPUNUMA()
        for cid in range(cells):
            cell = vc.LibvirtConfigGuestCPUNUMACell()
            cell.id = cid
            cell.cpus = set(range(cid * vcpus // cells, (cid + 1) * vcpus // cells))
            cell.memory = 0
            numa.cells.append(cell)
        c.numa = numa
    return c


def pinning(g, vcpus, mem_kib, cells):
    tune = vc.LibvirtConfigGuestCPUTune()
    for v in range(vcpus):
        p = vc.LibvirtConfigGuestCPUTuneVCPUPin()
        p.id = v
        p.cpuset = {v % 2}
        tune.vcpupin.append(p)
    tune.emulatorpin = vc.LibvirtConfigGuestCPUTuneEmulatorPin()
    tune.emulatorpin.cpuset = {0, 1}
    g.cputune = tune
    nt = vc.LibvirtConfigGuestNUMATune()
    nt.memory = vc.LibvirtConfigGuestNUMATuneMemory()
    nt.memory.mode = "strict"
    nt.memory.nodeset = [0]
    for cid in range(cells):
        mn = vc.LibvirtConfigGuestNUMATuneMemNode()
        mn.cellid = cid
        mn.mode = "strict"
        mn.nodeset = [0]
        nt.memnodes.append(mn)
    g.numatune = nt
    for cell in g.cpu.numa.cells:
        cell.memory = mem_kib // cells


def devices(g, name, fl, n):
    _, mib, vcpus, mach, os_type, bus, model, video, graphics, extra = fl
    base = INST % name
    letter = {"virtio": "vd", "scsi": "sd", "sata": "sd"}[bus]
    cache = "writeback" if "writeback" in extra else "none"
    if bus == "scsi":
        ctl = vc.LibvirtConfigGuestController()
        ctl.type = "scsi"
        ctl.model = "virtio-scsi"
        ctl.index = 0
        g.add_device(ctl)
    g.add_device(disk(base + "/disk", letter + "a", bus, cache))
    if "ephemeral" in extra:
        g.add_device(disk(base + "/disk.eph0", letter + "b", bus, cache))
    if "swap" in extra:
        g.add_device(disk(base + "/disk.swap", letter + "c", bus, cache))
    if "configdrive" in extra:
        g.add_device(disk(base + "/disk.config", "sda" if bus == "virtio" else "sdz", "sata", "none",
                          device="cdrom", fmt="raw", readonly=True))
    g.add_device(vif(model, n))
    if "nic2" in extra:
        g.add_device(vif(model, n + 100))
    serial = vc.LibvirtConfigGuestSerial()
    serial.type = "pty"
    log = vc.LibvirtConfigGuestCharDeviceLog()
    log.file = base + "/console.log"
    serial.log = log
    g.add_device(serial)
    consoles_and_display(g, graphics, video, extra)


def consoles_and_display(g, graphics, video, extra):
    if graphics:
        tablet = vc.LibvirtConfigGuestInput()
        tablet.type = "tablet"
        tablet.bus = "usb"
        g.add_device(tablet)
        gr = vc.LibvirtConfigGuestGraphics()
        gr.type = graphics
        gr.listen = "127.0.0.1"
        g.add_device(gr)
        v = vc.LibvirtConfigGuestVideo()
        v.type = video
        g.add_device(v)
    if "agent" in extra:
        ch = vc.LibvirtConfigGuestChannel()
        ch.type = "unix"
        ch.target_name = "org.qemu.guest_agent.0"
        ch.source_path = "/var/lib/libvirt/qemu/org.qemu.guest_agent.0.%s.sock" % g.name
        g.add_device(ch)
    if "rng" in extra:
        rng = vc.LibvirtConfigGuestRng()
        rng.backend = "/dev/urandom"
        g.add_device(rng)
    balloon = vc.LibvirtConfigMemoryBalloon()
    balloon.model = "virtio"
    balloon.period = 10
    g.add_device(balloon)


def guest(fl, n):
    name, mib, vcpus, mach, os_type = fl[:5]
    extra = fl[9]
    g = vc.LibvirtConfigGuest()
    g.virt_type = "kvm"
    g.name = "instance-%08x" % (n + 1)
    u = str(uuid.UUID(int=0x5eed0000 + n))
    g.uuid = u
    g.memory = mib * 1024
    g.vcpus = vcpus
    g.os_type = "hvm"
    g.os_mach_type = mach
    g.os_smbios = vc.LibvirtConfigGuestSMBIOS()
    g.sysinfo = sysinfo(u)
    g.os_boot_dev = ["hd"]
    features(g, os_type)
    cells = 2 if ("numa" in extra) else (1 if "pinned" in extra else 0)
    g.cpu = cpu(vcpus, cells)
    if "pinned" in extra or "numa" in extra:
        pinning(g, vcpus, mib * 1024, cells)
    if "hugepages" in extra:
        mb = vc.LibvirtConfigGuestMemoryBacking()
        page = vc.LibvirtConfigGuestMemoryBackingPage()
        page.size_kb = 2048
        page.nodeset = [0]
        mb.hugepages.append(page)
        g.membacking = mb
    if "shares" in extra:
        g.cputune = vc.LibvirtConfigGuestCPUTune()
        g.cputune.shares = 2048
    clock(g, os_type)
    devices(g, g.name, fl, n)
    return g


def main():
    with open(OUT + "/commands.tsv", "w") as cmds:
        for n, fl in enumerate(FLAVORS):
            for variant, machine in enumerate(("", "pc-i440fx-7.2" if fl[3] == "pc" else "pc-q35-7.2")):
                f = list(fl)
                if machine:
                    f[3] = machine
                k = n * 2 + variant
                fname = "%03d-nova-%s%s.xml" % (k, fl[0], "-versioned" if machine else "")
                with open(OUT + "/" + fname, "w") as out:
                    out.write(guest(tuple(f), k).to_xml())
                cmds.write("%s\tnova LibvirtConfigGuest.to_xml(): flavor %s (%d MiB, %d vCPU), machine %s, %s guest,"
                           " disk bus %s, vif %s, video %s, graphics %s, extras %s\n"
                           % (fname, fl[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], ",".join(f[9]) or "-"))


main()
