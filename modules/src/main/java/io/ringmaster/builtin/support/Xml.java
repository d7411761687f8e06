package io.ringmaster.builtin.support;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Safe XML parsing (no DTDs, no external entities) and a stable, indented serialisation. */
public final class Xml {
    /**
     * Configured parsers, reused ({@link DocumentBuilder#reset()}) across parses: a fleet run
     * parses several documents per host, and building a parser (xerces' whole configuration) costs
     * more than parsing a domain's XML. The JDK's own parser and serialiser ({@code
     * newDefaultInstance}): the features set below are its, and no provider search runs per
     * instance. A builder is not thread-safe, so each parse takes one from the pool and gives it
     * back: a run with 200 fork threads builds at most {@link Pool#MAX}, not one per fork thread.
     */
    private static final Pool<DocumentBuilder> BUILDERS = new Pool<>(Xml::newBuilder);

    /** Serialisers, pooled for the same reason (one transformer is not thread-safe). */
    private static final Pool<Transformer> TRANSFORMERS = new Pool<>(Xml::newTransformer);

    /**
     * Idle instances, taken by one user at a time. At most {@link #MAX} are made: parsing is CPU
     * work, so with every host's thread parsing at once (a fleet's first read) more instances only
     * cost building them (200 hosts built 200 parsers); a user finding none idle waits for one.
     */
    private static final class Pool<T> {
        static final int MAX = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        private final LinkedBlockingQueue<T> idle = new LinkedBlockingQueue<>();
        private final AtomicInteger made = new AtomicInteger();
        private final Supplier<T> make;

        Pool(Supplier<T> make) {
            this.make = make;
        }

        T take() {
            T t = idle.poll();
            if (t != null) {
                return t;
            }
            if (made.incrementAndGet() <= MAX) {
                try {
                    return make.get();
                } catch (RuntimeException e) {
                    made.decrementAndGet();
                    throw e;
                }
            }
            made.decrementAndGet();
            try {
                return idle.take();
            } catch (InterruptedException e) {
                // the run is being stopped: do not wait, and keep the interrupt for the caller
                Thread.currentThread().interrupt();
                return make.get();
            }
        }

        void give(T t) {
            idle.offer(t);
        }
    }

    private Xml() {}

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(
                    "the JDK's XML parser cannot be configured safely: " + e.getMessage(), e);
        }
    }

    private static Transformer newTransformer() {
        try {
            Transformer t = TransformerFactory.newDefaultInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            return t;
        } catch (TransformerException e) {
            throw new IllegalStateException("the JDK's XML serialiser: " + e.getMessage(), e);
        }
    }

    /** An empty document (for copies of elements). */
    public static Document newDocument() {
        DocumentBuilder b = BUILDERS.take();
        try {
            return b.newDocument();
        } finally {
            BUILDERS.give(b);
        }
    }

    /** Thrown for text that is not well-formed XML; the message says where. */
    public static final class XmlException extends Exception {
        private static final long serialVersionUID = 1L;

        public XmlException(String message) {
            super(message);
        }
    }

    public static Document parse(String text) throws XmlException {
        DocumentBuilder b = BUILDERS.take();
        try {
            b.setErrorHandler(null);
            Document d = b.parse(new InputSource(new StringReader(text)));
            stripWhitespace(d.getDocumentElement());
            return d;
        } catch (SAXException e) {
            throw new XmlException(e.getMessage());
        } catch (IOException e) {
            throw new XmlException(e.toString());
        } finally {
            b.reset();
            BUILDERS.give(b);
        }
    }

    public static void stripWhitespace(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            if ((child.getNodeType() == Node.TEXT_NODE && child.getNodeValue().isBlank())
                    || child.getNodeType() == Node.COMMENT_NODE) {
                node.removeChild(child);
            } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                stripWhitespace(child);
            }
            child = next;
        }
    }

    /** Indented text of an element (2 spaces), without an XML declaration. */
    public static String format(Node node) {
        Transformer t = TRANSFORMERS.take();
        try {
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(w));
            return w.toString().replace("\r\n", "\n").strip() + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise XML: " + e.getMessage(), e);
        } finally {
            // not reset(): that would drop the output properties; an identity transform keeps
            // nothing else between uses (no parameters, no listener are ever set)
            TRANSFORMERS.give(t);
        }
    }

    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nl = parent.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            if (nl.item(i) instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    public static List<Element> children(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).toList();
    }

    public static Element child(Element parent, String name) {
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The element at a slash path below {@code root}, or null. */
    public static Element path(Element root, String path) {
        Element cur = root;
        for (String p : path.split("/")) {
            if (cur == null) {
                return null;
            }
            cur = child(cur, p);
        }
        return cur;
    }

    /** Direct text of an element (trimmed), "" when it has none. */
    public static String text(Element e) {
        StringBuilder sb = new StringBuilder();
        NodeList nl = e.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            Node n = nl.item(i);
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                sb.append(n.getNodeValue());
            }
        }
        return sb.toString().trim();
    }
}
