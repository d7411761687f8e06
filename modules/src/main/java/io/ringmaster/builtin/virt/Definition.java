package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Xml;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Builds the XML to define (identity carried over) and the predicted definition shown as a diff in
 * check mode.
 */
public final class Definition {
    private Definition() {}

    /** Thrown when the desired XML conflicts with the existing domain's identity. */
    public static final class IdentityConflict extends Exception {
        private static final long serialVersionUID = 1L;

        public IdentityConflict(String message) {
            super(message);
        }
    }

    /**
     * The desired definition with the current domain's UUID and, for interfaces without a {@code
     * <mac>}, the MAC libvirt generated earlier; so that {@code virsh define} updates the domain
     * instead of failing, and guests keep their NICs. {@code current} may be null (new domain).
     */
    public static String toDefine(Element desired, Element current) throws IdentityConflict {
        Element d = copy(desired);
        if (current != null) {
            Element curUuid = Xml.child(current, "uuid");
            Element wantUuid = Xml.child(d, "uuid");
            if (curUuid != null) {
                String have = Xml.text(curUuid);
                if (wantUuid == null) {
                    Element u = d.getOwnerDocument().createElement("uuid");
                    u.setTextContent(have);
                    Element name = Xml.child(d, "name");
                    d.insertBefore(u, name == null ? d.getFirstChild() : name.getNextSibling());
                } else if (!Xml.text(wantUuid).equalsIgnoreCase(have)) {
                    throw new IdentityConflict(
                            "the desired XML sets <uuid>"
                                    + Xml.text(wantUuid)
                                    + "</uuid> but the domain "
                                    + "already exists with uuid "
                                    + have
                                    + "; remove <uuid> from the template (the module carries "
                                    + "the existing one over) or undefine the domain first");
                }
            }
            Element dDev = Xml.child(d, "devices");
            Element cDev = Xml.child(current, "devices");
            if (dDev != null && cDev != null) {
                Map<Element, Element> m = DomainCompare.match(dDev, cDev);
                for (Element iface : Xml.children(dDev, "interface")) {
                    Element cur = m.get(iface);
                    Element curMac = cur == null ? null : Xml.child(cur, "mac");
                    if (Xml.child(iface, "mac") == null && curMac != null) {
                        Element mac = d.getOwnerDocument().createElement("mac");
                        mac.setAttribute("address", curMac.getAttribute("address"));
                        iface.insertBefore(mac, iface.getFirstChild());
                    }
                }
            }
        }
        return Xml.format(d);
    }

    /**
     * What the definition is predicted to be: the current one with the desired values laid over it
     * and the authoritative lists' extra entries removed. Only for showing a diff under check mode.
     */
    public static Element predicted(Element desired, Element current) {
        Element d = DomainCompare.normalised(desired);
        Element ids = Xml.child(d, "iothreadids");
        if (ids != null) {
            // polling is applied live (libvirt < 9.4 drops <poll> from definitions): not part of
            // the prediction
            for (Element t : Xml.children(ids, "iothread")) {
                Xml.children(t, "poll").forEach(t::removeChild);
            }
        }
        if (current == null) {
            return d;
        }
        Element c = DomainCompare.normalised(current);
        overlay(d, c);
        return c;
    }

    private static void overlay(Element d, Element c) {
        NamedNodeMap attrs = d.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (!DomainCompare.equalValue(
                    d.getTagName(), a.getName(), a.getValue(), c.getAttribute(a.getName()))) {
                c.setAttribute(a.getName(), a.getValue());
            }
        }
        if (Xml.children(d).isEmpty() && !Xml.text(d).isEmpty()) {
            c.setTextContent(Xml.text(d));
        }
        Map<Element, Element> m = DomainCompare.match(d, c);
        List<Element> extras = DomainCompare.extras(d, c, m);
        for (Element dk : Xml.children(d)) {
            Element ck = m.get(dk);
            if (ck == null) {
                c.appendChild(c.getOwnerDocument().importNode(dk, true));
            } else {
                overlay(dk, ck);
            }
        }
        for (Element x : extras) {
            c.removeChild(x);
        }
    }

    /** The normalised, indented text of a definition, for diffs. */
    public static String display(Element root) {
        return root == null ? "" : Xml.format(DomainCompare.normalised(root));
    }

    private static Element copy(Element e) {
        Document doc = DomainCompare.normalised(e).getOwnerDocument();
        Element fresh = (Element) doc.importNode(e, true);
        doc.replaceChild(fresh, doc.getDocumentElement());
        Xml.stripWhitespace(fresh);
        return fresh;
    }
}
