package io.ringmaster.builtin.bench;

import io.ringmaster.builtin.support.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The disks of a domain definition ({@code virsh dumpxml}), each with the aio mode it is configured
 * for.
 */
final class DomainDisks {

    private DomainDisks() {}

    /** Every {@code <disk>} of {@code xml}, in document order. */
    static List<Disk> parse(String xml) throws Xml.XmlException {
        Element root = Xml.parse(xml).getDocumentElement();
        Element devices = Xml.child(root, "devices");
        List<Disk> out = new ArrayList<>();
        if (devices == null) {
            return out;
        }
        for (Element d : Xml.children(devices, "disk")) {
            out.add(disk(d));
        }
        return out;
    }

    private static Disk disk(Element d) {
        Element target = Xml.child(d, "target");
        Element driver = Xml.child(d, "driver");
        Element source = Xml.child(d, "source");
        String name = target == null ? "?" : target.getAttribute("dev");
        String type = d.getAttribute("type");
        String device = d.getAttribute("device").isEmpty() ? "disk" : d.getAttribute("device");
        String format =
                driver == null || driver.getAttribute("type").isEmpty()
                        ? "raw"
                        : driver.getAttribute("type");
        String io =
                driver == null || driver.getAttribute("io").isEmpty()
                        ? "threads"
                        : driver.getAttribute("io");
        Optional<String> path =
                Optional.ofNullable(source)
                        .map(
                                s ->
                                        type.equals("block")
                                                ? s.getAttribute("dev")
                                                : s.getAttribute("file"))
                        .filter(s -> !s.isEmpty());
        Optional<String> pool = attr(source, "pool");
        Optional<String> volume = attr(source, "volume");
        Optional<String> skip = Optional.empty();
        if (!device.equals("disk")) {
            skip = Optional.of(name + " is a " + device + ", not a disk");
        } else if (!type.equals("file") && !type.equals("block") && !type.equals("volume")) {
            skip =
                    Optional.of(
                            name
                                    + " is a "
                                    + type
                                    + " disk: only file, block and volume disks are benched on the host");
        } else if (path.isEmpty() && (pool.isEmpty() || volume.isEmpty())) {
            skip = Optional.of(name + " has no source (an empty drive)");
        }
        return new Disk(name, path, pool, volume, format, Optional.of(io), skip);
    }

    private static Optional<String> attr(Element e, String name) {
        return e == null || e.getAttribute(name).isEmpty()
                ? Optional.empty()
                : Optional.of(e.getAttribute(name));
    }
}
