package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.w3c.dom.Element;

/**
 * The edits the corpus test makes to a template, as a user would: each returns the edited template
 * and how the change shows in libvirt's persistent definition ({@code dumpxml --inactive}). Pure:
 * no libvirt.
 */
final class CorpusEdits {
    /** Removable kinds, in the order of issue 7: graphics ... the last disk or interface. */
    static final List<String> REMOVALS =
            List.of(
                    "graphics",
                    "video",
                    "serial",
                    "channel",
                    "rng",
                    "cputune",
                    "numatune",
                    "cpu",
                    "disk-cache",
                    "last-disk",
                    "last-interface");

    private CorpusEdits() {}

    /**
     * An edited template, what was changed, and a test of the persistent definition that it holds.
     */
    record Edit(String kind, String what, String xml, Predicate<Element> holds) {}

    static Edit memory(Element root) {
        long kib = 2 * kib(Xml.child(root, "memory"));
        set(root, "memory", kib);
        set(root, "currentMemory", kib);
        Element numa = Xml.path(root, "cpu/numa");
        long cells = 0;
        for (Element cell : numa == null ? List.<Element>of() : Xml.children(numa, "cell")) {
            long c = 2 * kib(cell, cell.getAttribute("memory"), cell.getAttribute("unit"));
            cell.setAttribute("memory", Long.toString(c));
            cell.setAttribute("unit", "KiB");
            cells += c;
        }
        long want = cells > 0 ? cells : kib;
        return new Edit(
                "memory",
                "memory " + want + " KiB",
                Xml.format(root),
                d -> Long.toString(want).equals(Xml.text(Xml.child(d, "memory"))));
    }

    /**
     * The first disk's cache and io switched (none/native <-> writeback/threads); null when it has
     * no disk.
     */
    static Edit diskCache(Element root) {
        Element disk = firstDisk(root);
        if (disk == null) {
            return null;
        }
        Element driver = Xml.child(disk, "driver");
        if (driver == null) {
            driver = root.getOwnerDocument().createElement("driver");
            driver.setAttribute("name", "qemu");
            disk.insertBefore(driver, disk.getFirstChild());
        }
        boolean none = "none".equals(driver.getAttribute("cache"));
        String cache = none ? "writeback" : "none";
        String io = none ? "threads" : "native";
        driver.setAttribute("cache", cache);
        driver.setAttribute("io", io);
        String dev = Xml.child(disk, "target").getAttribute("dev");
        return new Edit(
                "disk cache/io",
                "disk " + dev + " cache=" + cache + " io=" + io,
                Xml.format(root),
                d -> {
                    Element got = disk(d, dev);
                    Element drv = got == null ? null : Xml.child(got, "driver");
                    return drv != null
                            && cache.equals(drv.getAttribute("cache"))
                            && io.equals(drv.getAttribute("io"));
                });
    }

    /**
     * One more vCPU, or one fewer active vCPU when the count is fixed by a topology or already has
     * 'current'; a single-vCPU topology gets a second socket.
     */
    static Edit vcpus(Element root) {
        Element vcpu = Xml.child(root, "vcpu");
        int max = Integer.parseInt(Xml.text(vcpu));
        boolean fixed = Xml.path(root, "cpu/topology") != null || vcpu.hasAttribute("current");
        if (fixed && max > 1) {
            int cur =
                    vcpu.hasAttribute("current")
                            ? Integer.parseInt(vcpu.getAttribute("current"))
                            : max;
            int want = cur > 1 ? cur - 1 : cur + 1;
            vcpu.setAttribute("current", Integer.toString(want));
            return new Edit(
                    "vcpus",
                    "vcpu current=" + want,
                    Xml.format(root),
                    d ->
                            Integer.toString(want)
                                    .equals(Xml.child(d, "vcpu").getAttribute("current")));
        }
        vcpu.setTextContent(Integer.toString(max + 1));
        Element topology = Xml.path(root, "cpu/topology");
        if (topology
                != null) { // one vCPU: a topology of 1 socket x 1 core x 1 thread becomes 2 sockets
            topology.setAttribute("sockets", Integer.toString(max + 1));
        }
        return new Edit(
                "vcpus",
                "vcpu " + (max + 1),
                Xml.format(root),
                d -> Integer.toString(max + 1).equals(Xml.text(Xml.child(d, "vcpu"))));
    }

    /**
     * The emulator pinned to host CPU 1 (or 0 when it already is on 1); cputune added when missing.
     */
    static Edit pin(Element root) {
        Element tune = Xml.child(root, "cputune");
        if (tune == null) {
            tune = root.getOwnerDocument().createElement("cputune");
            root.appendChild(tune);
        }
        Element pin = Xml.child(tune, "emulatorpin");
        if (pin == null) {
            pin = root.getOwnerDocument().createElement("emulatorpin");
            tune.appendChild(pin);
        }
        String cpuset = "1".equals(pin.getAttribute("cpuset")) ? "0" : "1";
        pin.setAttribute("cpuset", cpuset);
        return new Edit(
                "pin",
                "emulatorpin cpuset=" + cpuset,
                Xml.format(root),
                d ->
                        Xml.path(d, "cputune/emulatorpin") != null
                                && cpuset.equals(
                                        Xml.path(d, "cputune/emulatorpin").getAttribute("cpuset")));
    }

    /** The removable kinds this template has. */
    static List<String> removable(Element root) {
        List<String> out = new ArrayList<>();
        for (String kind : REMOVALS) {
            if (!removed(kind, root)) {
                out.add(kind);
            }
        }
        return out;
    }

    /**
     * The template without {@code kind}; the test holds when libvirt's definition no longer has it.
     */
    static Edit remove(Element root, String kind) {
        Element devices = Xml.child(root, "devices");
        if ("disk-cache".equals(kind)) {
            Element drv = Xml.child(cachedDisk(root), "driver");
            drv.removeAttribute("cache");
            if ("native".equals(drv.getAttribute("io"))) {
                drv.removeAttribute(
                        "io"); // libvirt refuses io='native' without cache='none' or 'directsync'
            }
            String dev = Xml.child((Element) drv.getParentNode(), "target").getAttribute("dev");
            return new Edit(
                    "remove disk-cache",
                    "removed the cache of disk " + dev,
                    Xml.format(root),
                    d -> {
                        Element got = disk(d, dev);
                        return got != null
                                && (Xml.child(got, "driver") == null
                                        || !Xml.child(got, "driver").hasAttribute("cache"));
                    });
        }
        String what =
                switch (kind) {
                    case "graphics" -> removeAll(devices, kind) + spiceDevices(devices);
                    case "video", "serial", "channel", "rng" -> removeAll(devices, kind);
                    case "cputune", "numatune", "cpu" -> removeAll(root, kind);
                    case "last-disk" -> removeLast(devices, "disk");
                    case "last-interface" -> removeLast(devices, "interface");
                    default -> throw new IllegalArgumentException("unknown removal " + kind);
                };
        int disks = Xml.children(devices, "disk").size();
        int nics = Xml.children(devices, "interface").size();
        return new Edit(
                "remove " + kind,
                "removed " + what,
                Xml.format(root),
                d ->
                        switch (kind) {
                            case "last-disk" ->
                                    Xml.children(Xml.child(d, "devices"), "disk").size() == disks;
                            case "last-interface" ->
                                    Xml.children(Xml.child(d, "devices"), "interface").size()
                                            == nics;
                            default -> removed(kind, d);
                        });
    }

    /** True when the definition has no {@code kind} (for last-disk/interface: none at all). */
    static boolean removed(String kind, Element d) {
        Element devices = Xml.child(d, "devices");
        return switch (kind) {
            case "graphics", "video", "serial", "channel", "rng" ->
                    devices == null || Xml.child(devices, kind) == null;
            case "cputune", "numatune", "cpu" -> Xml.child(d, kind) == null;
            case "disk-cache" -> cachedDisk(d) == null;
            case "last-disk" -> devices == null || Xml.child(devices, "disk") == null;
            case "last-interface" -> devices == null || Xml.child(devices, "interface") == null;
            default -> throw new IllegalArgumentException("unknown removal " + kind);
        };
    }

    /**
     * Devices that libvirt refuses without SPICE graphics (spicevmc channels and USB redirection),
     * removed too; SPICE audio becomes {@code type='none'}.
     */
    private static String spiceDevices(Element devices) {
        int n = 0;
        for (Element e : Xml.children(devices)) {
            if ("audio".equals(e.getTagName()) && "spice".equals(e.getAttribute("type"))) {
                // libvirt refuses SPICE audio without SPICE graphics; the sound device keeps an
                // audio backend
                e.setAttribute("type", "none");
                n++;
            } else if ("spicevmc".equals(e.getAttribute("type"))
                    || "spiceport".equals(e.getAttribute("type"))) {
                devices.removeChild(e);
                n++;
            }
        }
        return n == 0 ? "" : " and " + n + " spicevmc device(s)";
    }

    private static String removeAll(Element parent, String tag) {
        List<Element> all = Xml.children(parent, tag);
        all.forEach(parent::removeChild);
        return all.size() + " <" + tag + ">";
    }

    private static String removeLast(Element devices, String tag) {
        List<Element> all = Xml.children(devices, tag);
        Element last = all.get(all.size() - 1);
        devices.removeChild(last);
        Element target = Xml.child(last, "target");
        Element mac = Xml.child(last, "mac");
        return "last <"
                + tag
                + "> "
                + (target != null
                        ? target.getAttribute("dev")
                        : mac != null ? mac.getAttribute("address") : "");
    }

    private static Element firstDisk(Element root) {
        Element devices = Xml.child(root, "devices");
        for (Element disk : devices == null ? List.<Element>of() : Xml.children(devices, "disk")) {
            if (!"cdrom".equals(disk.getAttribute("device"))
                    && !"floppy".equals(disk.getAttribute("device"))
                    && Xml.child(disk, "target") != null) {
                return disk;
            }
        }
        return null;
    }

    private static Element cachedDisk(Element root) {
        Element devices = Xml.child(root, "devices");
        for (Element disk : devices == null ? List.<Element>of() : Xml.children(devices, "disk")) {
            Element drv = Xml.child(disk, "driver");
            if (drv != null && drv.hasAttribute("cache") && Xml.child(disk, "target") != null) {
                return disk;
            }
        }
        return null;
    }

    static Element disk(Element d, String dev) {
        Element devices = Xml.child(d, "devices");
        for (Element disk : devices == null ? List.<Element>of() : Xml.children(devices, "disk")) {
            Element t = Xml.child(disk, "target");
            if (t != null && dev.equals(t.getAttribute("dev"))) {
                return disk;
            }
        }
        return null;
    }

    private static void set(Element root, String tag, long kib) {
        Element e = Xml.child(root, tag);
        if (e != null) {
            e.setAttribute("unit", "KiB");
            e.setTextContent(Long.toString(kib));
        }
    }

    static long kib(Element e) {
        return kib(e, Xml.text(e), e.getAttribute("unit"));
    }

    private static long kib(Element e, String value, String unit) {
        long v = Long.parseLong(value.trim());
        return switch (unit.isEmpty() ? "kib" : unit.toLowerCase(Locale.ROOT)) {
            case "b", "bytes" -> v / 1024;
            case "k", "kib" -> v;
            case "kb" -> v * 1000 / 1024;
            case "m", "mib" -> v * 1024;
            case "mb" -> v * 1000 * 1000 / 1024;
            case "g", "gib" -> v * 1024 * 1024;
            case "gb" -> v * 1000 * 1000 * 1000 / 1024;
            default ->
                    throw new IllegalArgumentException(
                            "unit " + unit + " of <" + e.getTagName() + ">");
        };
    }
}
