package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Xml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * The last-applied definition, as {@code kubectl apply} keeps its last-applied configuration: the
 * canonical desired definition of the last define, secrets masked, gzip+base64 in the domain's own
 * namespaced {@code <metadata>} element (libvirt keeps metadata across defines). It makes removals
 * visible: a value in it, absent from the new desired definition and still on the host, is a change
 * to make.
 */
public final class LastApplied {
    public static final String NS = "https://ringmaster.io/xmlns/virt_domain/last-applied/1";
    static final String TAG = "ringmaster:applied";

    private LastApplied() {}

    /**
     * The last-applied definition stored in a domain's definition, or null when Ringmaster never
     * applied one.
     */
    public static Element read(Element current) {
        Element stored = element(current);
        if (stored == null) {
            return null;
        }
        try (GZIPInputStream in =
                new GZIPInputStream(
                        new ByteArrayInputStream(
                                Base64.getMimeDecoder().decode(Xml.text(stored).trim())))) {
            return Xml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getDocumentElement();
        } catch (IOException | IllegalArgumentException | Xml.XmlException e) {
            return null;
        }
    }

    private static Element element(Element domain) {
        Element md = domain == null ? null : Xml.child(domain, "metadata");
        if (md == null) {
            return null;
        }
        for (Element e : Xml.children(md)) {
            String tag = e.getTagName();
            if ((tag.equals("applied") || tag.endsWith(":applied")) && declares(e, NS)) {
                return e;
            }
        }
        return null;
    }

    private static boolean declares(Element e, String ns) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if ((a.getName().equals("xmlns") || a.getName().startsWith("xmlns:"))
                    && a.getValue().equals(ns)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes {@code applied} (secrets masked) into {@code toDefine}'s metadata, replacing an
     * earlier record and keeping the other metadata of {@code current} that the desired definition
     * does not set (libosinfo's, ...).
     */
    public static void write(Element toDefine, Element current, Element applied) {
        Element md = Xml.child(toDefine, "metadata");
        if (md == null) {
            md = toDefine.getOwnerDocument().createElement("metadata");
            Element after =
                    Xml.child(toDefine, "description") != null
                            ? Xml.child(toDefine, "description")
                            : Xml.child(toDefine, "title") != null
                                    ? Xml.child(toDefine, "title")
                                    : Xml.child(toDefine, "uuid");
            toDefine.insertBefore(
                    md, after == null ? toDefine.getFirstChild() : after.getNextSibling());
            Element curMd = current == null ? null : Xml.child(current, "metadata");
            if (curMd != null) {
                for (Element e : Xml.children(curMd)) {
                    md.appendChild(toDefine.getOwnerDocument().importNode(e, true));
                }
            }
        }
        Element old = element(toDefine);
        if (old != null) {
            md.removeChild(old);
        }
        Element rec = toDefine.getOwnerDocument().createElement(TAG);
        rec.setAttribute("xmlns:ringmaster", NS);
        rec.setAttribute("encoding", "gzip+base64");
        rec.setTextContent(encode(Xml.format(strip(Secrets.redacted(applied)))));
        md.appendChild(rec);
    }

    /**
     * The record without name, uuid and metadata (they are the domain's identity, and the record
     * itself).
     */
    private static Element strip(Element e) {
        for (String tag : new String[] {"name", "uuid", "metadata"}) {
            Element c = Xml.child(e, tag);
            if (c != null) {
                e.removeChild(c);
            }
        }
        return e;
    }

    private static String encode(String xml) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(xml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(b.toByteArray());
    }
}
