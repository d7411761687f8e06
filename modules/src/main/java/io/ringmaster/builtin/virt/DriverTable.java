package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Xml;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * What only the QEMU driver decides, so that libvirt's in-process test driver (which canonicalises
 * the desired definition) cannot: each entry is a value the test driver invents or keeps where the
 * QEMU driver does otherwise. Kept small and tested (DriverTableTest); everything else is libvirt's
 * generic parser, the same in both.
 */
public final class DriverTable {
    /**
     * Where the QEMU driver generates channel sockets; a path there is dropped from a persistent
     * definition.
     */
    static final String QEMU_CHANNEL_DIR = "/var/lib/libvirt/qemu/channel/target/";

    private DriverTable() {}

    /**
     * {@code pc} is the newest {@code pc-i440fx-*}, {@code q35} the newest {@code pc-q35-*}: QEMU
     * expands aliases.
     */
    static boolean machineAlias(String want, String have) {
        return ("pc".equals(want) && have.startsWith("pc-i440fx-"))
                || ("q35".equals(want) && have.startsWith("pc-q35-"));
    }

    /**
     * Removes from the canonical desired definition what the test driver made up: a random UUID,
     * its own name, a MAC for an interface the template gives none (the module carries the existing
     * one over), the test driver's {@code testnetN} target device; and what the QEMU driver drops:
     * a channel socket path in its own directory. Returns what the template wrote that the QEMU
     * driver does not keep.
     */
    static List<String> clean(Element raw, Element canonical) {
        List<String> dropped = new ArrayList<>();
        Element uuid = Xml.child(canonical, "uuid");
        Element rawUuid = Xml.child(raw, "uuid");
        if (uuid != null && rawUuid == null) {
            canonical.removeChild(uuid);
        } else if (uuid != null) {
            uuid.setTextContent(Xml.text(rawUuid));
        }
        Element name = Xml.child(canonical, "name");
        Element rawName = Xml.child(raw, "name");
        if (name != null && rawName != null) {
            name.setTextContent(Xml.text(rawName));
        }
        memoryFromNuma(canonical, dropped);
        vcpusIntoCellZero(canonical);
        Element type = Xml.path(canonical, "os/type");
        Element rawType = Xml.path(raw, "os/type");
        if (type != null && (rawType == null || !rawType.hasAttribute("arch"))) {
            type.removeAttribute(
                    "arch"); // the test driver's default is i686, the QEMU driver's the host's arch
        }
        cleanDevices(Xml.child(raw, "devices"), Xml.child(canonical, "devices"), dropped);
        return dropped;
    }

    /**
     * The device entries of {@link #clean}: MACs and target devices the test driver made up, the
     * default video.
     */
    private static void cleanDevices(Element rDev, Element cDev, List<String> dropped) {
        if (cDev == null || rDev == null) {
            return;
        }
        List<Element> rIfaces = Xml.children(rDev, "interface");
        List<Element> cIfaces = Xml.children(cDev, "interface");
        for (int i = 0; i < cIfaces.size(); i++) {
            Element r = i < rIfaces.size() ? rIfaces.get(i) : null;
            remove(cIfaces.get(i), "mac", r == null || Xml.child(r, "mac") == null);
            Element t = Xml.child(cIfaces.get(i), "target");
            remove(
                    cIfaces.get(i),
                    "target",
                    t != null
                            && t.getAttribute("dev").startsWith("testnet")
                            && (r == null || Xml.child(r, "target") == null));
        }
        if (Xml.children(rDev, "video").isEmpty()) {
            // the default video (model, vram) is the QEMU driver's choice, not the test driver's
            // cirrus
            Xml.children(cDev, "video").forEach(cDev::removeChild);
        }
        for (Element ch : Xml.children(cDev, "channel")) {
            Element src = Xml.child(ch, "source");
            if ("unix".equals(ch.getAttribute("type"))
                    && src != null
                    && src.getAttribute("path").startsWith(QEMU_CHANNEL_DIR)) {
                dropped.add(
                        "<channel type='unix'><source path='"
                                + src.getAttribute("path")
                                + "'> (the QEMU driver"
                                + " generates this socket path when the domain starts)");
                ch.removeChild(src);
            }
        }
    }

    /**
     * With NUMA cells the QEMU driver sets {@code <memory>} to the cells' total plus every memory
     * device's size (the test driver keeps the written value): the canonical definition gets that
     * total.
     */
    static void memoryFromNuma(Element canonical, List<String> dropped) {
        Element numa = Xml.path(canonical, "cpu/numa");
        Element memory = Xml.child(canonical, "memory");
        if (numa == null || memory == null || Xml.children(numa, "cell").isEmpty()) {
            return;
        }
        long total = 0;
        for (Element cell : Xml.children(numa, "cell")) {
            String kib =
                    DomainCompare.toKiB(
                            cell.getAttribute("memory"),
                            cell.hasAttribute("unit") ? cell.getAttribute("unit") : "KiB");
            if (kib == null) {
                return;
            }
            total += Long.parseLong(kib);
        }
        Element devices = Xml.child(canonical, "devices");
        for (Element dimm :
                devices == null ? List.<Element>of() : Xml.children(devices, "memory")) {
            Element size = Xml.path(dimm, "target/size");
            String kib =
                    size == null
                            ? null
                            : DomainCompare.toKiB(
                                    Xml.text(size),
                                    size.hasAttribute("unit") ? size.getAttribute("unit") : "KiB");
            total += kib == null ? 0 : Long.parseLong(kib);
        }
        if (!String.valueOf(total).equals(Xml.text(memory))) {
            dropped.add(
                    "<memory>"
                            + Xml.text(memory)
                            + "</memory> (with NUMA cells libvirt computes it: "
                            + total
                            + " KiB)");
            memory.setTextContent(String.valueOf(total));
            memory.setAttribute("unit", "KiB");
        }
    }

    /**
     * vCPUs no NUMA cell lists are added to cell 0 by the QEMU driver (the test driver leaves them
     * out).
     */
    static void vcpusIntoCellZero(Element canonical) {
        Element numa = Xml.path(canonical, "cpu/numa");
        Element vcpu = Xml.child(canonical, "vcpu");
        List<Element> cells = numa == null ? List.of() : Xml.children(numa, "cell");
        if (cells.isEmpty() || vcpu == null || !Xml.text(vcpu).trim().matches("\\d{1,4}")) {
            return;
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (Element cell : cells) {
            String set = DomainCompare.canonicalCpuset(cell.getAttribute("cpus"));
            for (String part : set.split(",")) {
                String[] lh = part.split("-");
                if (lh[0].matches("\\d+")) {
                    int hi =
                            lh.length > 1 && lh[1].matches("\\d+")
                                    ? Integer.parseInt(lh[1])
                                    : Integer.parseInt(lh[0]);
                    for (int c = Integer.parseInt(lh[0]); c <= hi; c++) {
                        listed.add(String.valueOf(c));
                    }
                }
            }
        }
        StringBuilder add = new StringBuilder(cells.get(0).getAttribute("cpus"));
        for (int c = 0; c < Integer.parseInt(Xml.text(vcpu).trim()); c++) {
            if (!listed.contains(String.valueOf(c))) {
                add.append(add.length() == 0 ? "" : ",").append(c);
            }
        }
        cells.get(0).setAttribute("cpus", DomainCompare.canonicalCpuset(add.toString()));
    }

    private static void remove(Element parent, String tag, boolean when) {
        Element c = Xml.child(parent, tag);
        if (when && c != null) {
            parent.removeChild(c);
        }
    }

    /**
     * Values QEMU assigns when the domain starts (a graphics port with autoport, the CPU model's
     * fallback): never a reason to restart.
     */
    static boolean assignedAtStart(DomainCompare.Mismatch m) {
        String last = m.path().isEmpty() ? "" : m.path().get(m.path().size() - 1).tag();
        return ("graphics".equals(last)
                        && java.util.Set.of("port", "tlsPort", "websocket").contains(m.attribute()))
                || ("listen".equals(last) && m.attribute() != null)
                // a running domain's CPU is what QEMU made of the definition: model fallback and
                // check are decided
                || ("model".equals(last)
                        && m.path().size() == 2
                        && "cpu".equals(m.path().get(0).tag())
                        && "fallback".equals(m.attribute()))
                || ("cpu".equals(last) && m.path().size() == 1 && "check".equals(m.attribute()));
    }
}
