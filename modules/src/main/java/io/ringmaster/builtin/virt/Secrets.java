package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Xml;
import io.ringmaster.builtin.virt.DomainCompare.Mismatch;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The secrets a domain definition can hold (a graphics {@code passwd}, a disk source's {@code
 * <cookies>}): they decide whether the definition is read with {@code --security-info}, and are
 * shown as {@link #MASK} everywhere.
 */
public final class Secrets {
    public static final String MASK = "********";

    private Secrets() {}

    /**
     * Whether a definition holds a secret (then the host's definition must be read with
     * --security-info).
     */
    public static boolean any(Element domain) {
        return domain != null && holds(domain);
    }

    private static boolean holds(Element e) {
        if (isSecretAttributeOwner(e) && e.hasAttribute("passwd")
                || "cookie".equals(e.getTagName())) {
            return true;
        }
        return Xml.children(e).stream().anyMatch(Secrets::holds);
    }

    private static boolean isSecretAttributeOwner(Element e) {
        return "graphics".equals(e.getTagName());
    }

    /** A copy in a new document with every secret replaced by {@link #MASK}. */
    public static Element redacted(Element domain) {
        if (domain == null) {
            return null;
        }
        Element copy = DomainCompare.normalised(domain);
        mask(copy);
        return copy;
    }

    private static void mask(Element e) {
        if (isSecretAttributeOwner(e) && e.hasAttribute("passwd")) {
            e.setAttribute("passwd", MASK);
        }
        if ("cookie".equals(e.getTagName())) {
            e.setTextContent(MASK);
        }
        Xml.children(e).forEach(Secrets::mask);
    }

    /** Whether a mismatch is about a secret value. */
    static boolean secret(Mismatch m) {
        String last = m.path().isEmpty() ? "" : m.path().get(m.path().size() - 1).tag();
        return "passwd".equals(m.attribute()) || ("cookie".equals(last) && m.attribute() == null);
    }

    /** The mismatch with a secret's values masked (absence stays visible). */
    static Mismatch redact(Mismatch m) {
        boolean secret = secret(m);
        return new Mismatch(
                m.path(),
                m.attribute(),
                mask(m.expected(), secret),
                mask(m.actual(), secret),
                m.kind());
    }

    /** Secrets inside a text (a start tag in a message, an XML document) masked. */
    public static String maskText(String text) {
        return text.replaceAll("(passwd=)(['\"])[^'\"]*\\2", "$1$2" + MASK + "$2")
                .replaceAll("(<cookie\\b[^>]*>)[^<]*(</cookie>)", "$1" + MASK + "$2");
    }

    static List<Mismatch> redact(List<Mismatch> ms) {
        return ms.stream().map(Secrets::redact).toList();
    }

    private static String mask(String v, boolean secret) {
        if (DomainCompare.ABSENT.equals(v) || "present".equals(v)) {
            return v;
        }
        return v.startsWith("<") || !secret ? maskText(v) : MASK;
    }
}
