package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.builtin.support.Xml;
import io.ringmaster.builtin.virt.DomainCompare.Kind;
import io.ringmaster.builtin.virt.DomainCompare.Mismatch;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The desired definition twice: as the template rendered it ({@code raw}: what is defined, and
 * where IOThread polling comes from) and as libvirt's own parser and formatter write it ({@code
 * canonical}: what is compared).
 *
 * @param raw the rendered template
 * @param canonical the test driver's {@code dumpxml --inactive} of it, cleaned by {@link
 *     DriverTable}; the locally normalised raw definition when the test driver could not parse it
 * @param notKept what the template writes that libvirt does not keep in a persistent definition
 * @param note why the canonical form is the local one, or ""
 */
public record Desired(Element raw, Element canonical, List<String> notKept, String note) {
    public Desired {
        notKept = List.copyOf(notKept);
    }

    /**
     * The desired definition from the canonicalisation section of the read (null section: not
     * canonicalised).
     */
    public static Desired of(Element raw, Section canonical) {
        if (canonical == null || !canonical.ok() || !canonical.text().contains("<domain")) {
            String why = canonical == null ? "it was not run" : canonical.text().strip();
            return new Desired(
                    raw,
                    DomainCompare.normalised(raw),
                    List.of(),
                    "libvirt's parser (test driver) did not canonicalise the desired definition ("
                            + why
                            + "); compared as written");
        }
        String text = canonical.text().substring(canonical.text().indexOf("<domain"));
        Element c;
        try {
            c = DomainCompare.normalised(Xml.parse(text).getDocumentElement());
        } catch (Xml.XmlException e) {
            return new Desired(
                    raw,
                    DomainCompare.normalised(raw),
                    List.of(),
                    "the test driver's XML does not parse: " + e.getMessage());
        }
        List<String> notKept = new ArrayList<>(DriverTable.clean(raw, c));
        notKept.addAll(dropped(raw, c));
        return new Desired(raw, c, notKept, "");
    }

    /** Desired without canonicalisation (unit tests, and when no test driver is available). */
    public static Desired local(Element raw) {
        return new Desired(raw, DomainCompare.normalised(raw), List.of(), "");
    }

    /**
     * What the template writes that libvirt's parser did not keep: runtime-only data ({@code
     * <domain id>}, {@code <mirror>}, a channel's {@code state}), values libvirt computes ({@code
     * <memory>} from NUMA cells, a {@code port} with {@code autoport='yes'}). IOThread polling is
     * not listed: it is applied live.
     */
    static List<String> dropped(Element raw, Element canonical) {
        List<String> out = new ArrayList<>();
        for (Mismatch m : DomainCompare.compare(raw, canonical)) {
            if (m.kind() == Kind.POLL
                    || "present".equals(m.actual())
                    || isIdentity(m)
                    || "vcpus".equals(m.attribute())
                    || "iothreads".equals(m.attribute())) {
                continue;
            }
            Mismatch r = Secrets.redact(m);
            out.add(
                    r.xmlPath()
                            + (DomainCompare.ABSENT.equals(r.actual())
                                    ? ""
                                    : " (libvirt writes '" + r.actual() + "')"));
        }
        return out;
    }

    private static boolean isIdentity(Mismatch m) {
        String first = m.path().isEmpty() ? "" : m.path().get(0).tag();
        return m.path().size() == 1 && ("name".equals(first) || "uuid".equals(first));
    }
}
