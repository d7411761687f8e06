package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Xml;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Semantic comparison of libvirt domain XML: does the desired tree HOLD in the current one? Every
 * element, attribute and text of the desired tree must be present with an equal value; children are
 * matched by identity (disks by target dev, interfaces by MAC or order, pins by vcpu/iothread,
 * iothreads by id, others by type and order). What libvirt adds (uuid, MACs, addresses,
 * controllers, default attributes) is absent from the desired tree and therefore ignored. Both
 * trees are normalised first: memory units to KiB, cpusets to canonical ranges.
 */
public final class DomainCompare {
    // compiled once: every comparison of every host normalises its numbers and cpusets
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern INDEX = Pattern.compile("\\d{1,9}");
    private static final Pattern INDEX_RANGE = Pattern.compile("\\d{1,9}-\\d{1,9}");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,30}");

    private DomainCompare() {}

    /** How a difference can be applied. */
    public enum Kind {
        /** vcpupin/emulatorpin/iothreadpin: applied live on a running domain. */
        PIN,
        /** IOThread polling (poll max/grow/shrink): applied live with iothreadset. */
        POLL,
        /** Everything else: needs a (re)definition, and a restart to reach a running domain. */
        OTHER
    }

    /**
     * One path step: the element, and the attribute that identifies it among its siblings (or
     * null).
     */
    public record Step(String tag, String keyName, String keyValue) {
        String plain() {
            return keyName == null ? tag : tag + "[" + keyValue + "]";
        }

        String xml() {
            return keyName == null
                    ? "<" + tag + ">"
                    : "<" + tag + " " + keyName + "='" + keyValue + "'>";
        }
    }

    /**
     * One difference: {@code attribute} is null for an element's text or presence; {@code
     * expected}/{@code actual} are "(absent)" when missing.
     */
    public record Mismatch(
            List<Step> path, String attribute, String expected, String actual, Kind kind) {
        public Mismatch {
            path = List.copyOf(path);
        }

        /** {@code devices/disk[vda]/driver/@cache: 'writeback' -> 'none'}. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (Step s : path) {
                sb.append(sb.length() == 0 ? "" : "/").append(s.plain());
            }
            if (attribute != null) {
                sb.append("/@").append(attribute);
            }
            return sb
                    + ": "
                    + (expected.startsWith("<")
                            ? "missing " + expected
                            : actual.equals("present")
                                    ? "present, not in the desired definition"
                                    : quoted(actual) + " -> " + quoted(expected));
        }

        /** {@code <iothreadids><iothread id='1'><poll max='32768'>}. */
        public String xmlPath() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < path.size(); i++) {
                Step s = path.get(i);
                if (i == path.size() - 1 && attribute == null && expected.startsWith("<")) {
                    sb.append(expected);
                    break;
                }
                if (i == path.size() - 1 && attribute != null) {
                    sb.append("<").append(s.tag());
                    if (s.keyName() != null) {
                        sb.append(" ")
                                .append(s.keyName())
                                .append("='")
                                .append(s.keyValue())
                                .append("'");
                    }
                    sb.append(" ").append(attribute).append("='").append(expected).append("'>");
                } else {
                    sb.append(s.xml());
                }
            }
            return sb.toString();
        }

        private static String quoted(String v) {
            return ABSENT.equals(v) ? v : "'" + v + "'";
        }
    }

    public static final String ABSENT = "(absent)";

    /**
     * Children of these parents are the desired tree's whole list: an extra one in the current tree
     * is a change.
     */
    private static final Map<String, Set<String>> AUTHORITATIVE =
            Map.of(
                    "devices", Set.of("disk", "interface", "hostdev", "filesystem"),
                    "cputune", Set.of("vcpupin", "iothreadpin"),
                    "iothreadids", Set.of("iothread"));

    private static final Set<String> MEMORY_ELEMENTS =
            Set.of("memory", "currentMemory", "maxMemory");

    /**
     * The differences between desired and current (both {@code <domain>} roots); empty when desired
     * holds.
     */
    public static List<Mismatch> compare(Element desired, Element current) {
        Element d = normalised(desired);
        Element c = normalised(current);
        List<Mismatch> out = new ArrayList<>();
        holds(d, c, new ArrayList<>(), out);
        return out;
    }

    /** A normalised deep copy (memory in KiB, canonical cpusets), in a new document. */
    public static Element normalised(Element root) {
        Document doc = Xml.newDocument();
        Element copy = (Element) doc.importNode(root, true);
        doc.appendChild(copy);
        Xml.stripWhitespace(copy);
        normalise(copy);
        return copy;
    }

    private static void normalise(Element e) {
        if (MEMORY_ELEMENTS.contains(e.getTagName())) {
            String kib =
                    toKiB(Xml.text(e), e.hasAttribute("unit") ? e.getAttribute("unit") : "KiB");
            if (kib != null) {
                e.setTextContent(kib);
                e.setAttribute("unit", "KiB");
            }
        }
        if ("cell".equals(e.getTagName()) && e.hasAttribute("memory")) {
            String kib =
                    toKiB(
                            e.getAttribute("memory"),
                            e.hasAttribute("unit") ? e.getAttribute("unit") : "KiB");
            if (kib != null) {
                e.setAttribute("memory", kib);
                e.setAttribute("unit", "KiB");
            }
        }
        for (String a : new String[] {"cpuset", "nodeset"}) {
            if (e.hasAttribute(a)) {
                e.setAttribute(a, canonicalCpuset(e.getAttribute(a)));
            }
        }
        for (Element child : Xml.children(e)) {
            normalise(child);
        }
    }

    /**
     * A size with a libvirt unit as whole KiB (rounded up as libvirt does), or null when not a
     * number.
     */
    public static String toKiB(String value, String unit) {
        String v = value.trim();
        if (!DIGITS.matcher(v).matches()) {
            return null;
        }
        BigInteger n = new BigInteger(v);
        BigInteger bytes =
                switch (unit.trim()) {
                    case "b", "bytes" -> n;
                    case "KB" -> n.multiply(BigInteger.valueOf(1000));
                    case "k", "K", "KiB", "" -> n.shiftLeft(10);
                    case "MB" -> n.multiply(BigInteger.TEN.pow(6));
                    case "M", "MiB" -> n.shiftLeft(20);
                    case "GB" -> n.multiply(BigInteger.TEN.pow(9));
                    case "G", "GiB" -> n.shiftLeft(30);
                    case "TB" -> n.multiply(BigInteger.TEN.pow(12));
                    case "T", "TiB" -> n.shiftLeft(40);
                    case "PB" -> n.multiply(BigInteger.TEN.pow(15));
                    case "P", "PiB" -> n.shiftLeft(50);
                    default -> null;
                };
        if (bytes == null) {
            return null;
        }
        return bytes.add(BigInteger.valueOf(1023)).shiftRight(10).toString();
    }

    /**
     * {@code "3,1,2,^2,5-6"} as {@code "1,3,5-6"}; text that is not a cpuset is returned unchanged.
     */
    public static String canonicalCpuset(String spec) {
        TreeSet<Integer> cpus = new TreeSet<>();
        Set<Integer> excluded = new HashSet<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            boolean not = p.startsWith("^");
            int[] range = range(not ? p.substring(1) : p);
            if (range == null) {
                return spec;
            }
            for (int i = range[0]; i <= range[1] && i - range[0] < 65536; i++) {
                (not ? excluded : cpus).add(i);
            }
        }
        cpus.removeAll(excluded);
        StringBuilder sb = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int cpu : cpus) {
            if (start == null) {
                start = cpu;
            } else if (cpu != prev + 1) {
                range(sb, start, prev);
                start = cpu;
            }
            prev = cpu;
        }
        if (start != null) {
            range(sb, start, prev);
        }
        return sb.toString();
    }

    /** {@code 3} or {@code 2-5} as [lo, hi], or null. */
    private static int[] range(String p) {
        if (INDEX.matcher(p).matches()) {
            return new int[] {Integer.parseInt(p), Integer.parseInt(p)};
        }
        if (INDEX_RANGE.matcher(p).matches()) {
            return new int[] {
                Integer.parseInt(p.substring(0, p.indexOf('-'))),
                Integer.parseInt(p.substring(p.indexOf('-') + 1))
            };
        }
        return null;
    }

    private static void range(StringBuilder sb, int a, int b) {
        sb.append(sb.length() == 0 ? "" : ",").append(a == b ? String.valueOf(a) : a + "-" + b);
    }

    private static void holds(Element d, Element c, List<Step> path, List<Mismatch> out) {
        NamedNodeMap attrs = d.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            String want = a.getValue();
            String have = c.hasAttribute(a.getName()) ? c.getAttribute(a.getName()) : ABSENT;
            if (!equalValue(d.getTagName(), a.getName(), want, have)) {
                out.add(
                        new Mismatch(
                                path.isEmpty() ? List.of(step(d, null)) : path,
                                a.getName(),
                                want,
                                have,
                                kind(path, d.getTagName())));
            }
        }
        List<Element> dKids = Xml.children(d);
        if (dKids.isEmpty()) {
            String want = Xml.text(d);
            String have = Xml.text(c);
            if (!want.isEmpty() && !want.equals(have)) {
                out.add(
                        new Mismatch(
                                path.isEmpty() ? List.of(step(d, null)) : path,
                                null,
                                want,
                                have.isEmpty() ? ABSENT : have,
                                kind(path, d.getTagName())));
            }
        }
        Map<Element, Element> matches = match(d, c);
        for (Element dk : dKids) {
            Element ck = matches.get(dk);
            List<Step> sub = new ArrayList<>(path);
            sub.add(step(dk, ck));
            if (ck == null) {
                out.add(new Mismatch(sub, null, startTag(dk), ABSENT, kind(sub, dk.getTagName())));
            } else {
                holds(dk, ck, sub, out);
            }
        }
        for (Element extra : extras(d, c, matches)) {
            List<Step> sub = new ArrayList<>(path);
            sub.add(step(extra, extra));
            out.add(new Mismatch(sub, null, ABSENT, "present", Kind.OTHER));
        }
    }

    /**
     * The three-way removals: what {@code last} (the last-applied definition) has, {@code desired}
     * no longer has and {@code current} still has. Each is a change to make (expected {@link
     * #ABSENT}).
     */
    public static List<Mismatch> removed(Element last, Element desired, Element current) {
        List<Mismatch> out = new ArrayList<>();
        if (last != null && current != null) {
            removed(
                    normalised(last),
                    normalised(desired),
                    normalised(current),
                    new ArrayList<>(),
                    out);
        }
        return out;
    }

    private static void removed(
            Element l, Element d, Element c, List<Step> path, List<Mismatch> out) {
        NamedNodeMap attrs = l.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            String a = attrs.item(i).getNodeName();
            if (!d.hasAttribute(a) && c.hasAttribute(a)) {
                out.add(
                        new Mismatch(
                                path.isEmpty() ? List.of(step(l, null)) : path,
                                a,
                                ABSENT,
                                c.getAttribute(a),
                                Kind.OTHER));
            }
        }
        Map<Element, Element> inDesired = match(l, d);
        Map<Element, Element> inCurrent = match(l, c);
        for (Element lk : Xml.children(l)) {
            Element ck = inCurrent.get(lk);
            if (ck == null || "metadata".equals(lk.getTagName())) {
                continue;
            }
            List<Step> sub = new ArrayList<>(path);
            sub.add(step(lk, ck));
            Element dk = inDesired.get(lk);
            if (dk == null) {
                out.add(new Mismatch(sub, null, ABSENT, "present", Kind.OTHER));
            } else {
                removed(lk, dk, ck, sub, out);
            }
        }
    }

    /**
     * {@code <poll max='32768' grow='2'/>}: an element's start tag with its attributes, for
     * messages.
     */
    static String startTag(Element e) {
        StringBuilder sb = new StringBuilder("<").append(e.getTagName());
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            sb.append(' ').append(a.getName()).append("='").append(a.getValue()).append('\'');
        }
        String text = Xml.children(e).isEmpty() ? Xml.text(e) : "";
        return text.isEmpty()
                ? sb.append(Xml.children(e).isEmpty() ? "/>" : ">").toString()
                : sb.append('>')
                        .append(text)
                        .append("</")
                        .append(e.getTagName())
                        .append('>')
                        .toString();
    }

    /** Attributes holding a CPU or node set ({@code 0-5,^4} is {@code 0-3,5}). */
    private static final Set<String> SET_ATTRIBUTES =
            Set.of("cpuset", "nodeset", "cpus", "vcpus", "iothreads");

    static boolean equalValue(String tag, String attr, String want, String have) {
        if (want.equals(have)) {
            return true;
        }
        if ("mac".equals(tag) && "address".equals(attr)) {
            return want.equalsIgnoreCase(have);
        }
        if ("type".equals(tag) && "machine".equals(attr)) {
            return DriverTable.machineAlias(want, have);
        }
        if (SET_ATTRIBUTES.contains(attr) && canonicalCpuset(want).equals(canonicalCpuset(have))) {
            return true;
        }
        return sameNumber(want, have);
    }

    /**
     * {@code 222} and {@code 0xde}, {@code 0x0A} and {@code 0x0a}: libvirt reads both bases and
     * writes one.
     */
    static boolean sameNumber(String a, String b) {
        BigInteger x = number(a);
        return x != null && x.equals(number(b));
    }

    private static BigInteger number(String v) {
        String t = v.trim();
        if (HEX.matcher(t).matches()) {
            return new BigInteger(t.substring(2), 16);
        }
        return DECIMAL.matcher(t).matches() ? new BigInteger(t) : null;
    }

    /**
     * For each desired child, its current counterpart (absent key when none): by identity where the
     * element has one ({@link #identity}), else the next unused child of the same tag, preferring
     * one of the same {@code type} (libvirt fills in types, so a desired child without one matches
     * any).
     */
    static Map<Element, Element> match(Element d, Element c) {
        Map<Element, Element> out = new LinkedHashMap<>();
        Set<Element> used = new HashSet<>();
        for (Element dk : Xml.children(d)) {
            String key = identity(dk);
            List<Element> same =
                    Xml.children(c, dk.getTagName()).stream()
                            .filter(ck -> !used.contains(ck))
                            .toList();
            Element found =
                    key != null
                            ? same.stream()
                                    .filter(ck -> key.equals(identity(ck)))
                                    .findFirst()
                                    .orElse(null)
                            : same.stream()
                                    .filter(
                                            ck ->
                                                    !dk.hasAttribute("type")
                                                            || dk.getAttribute("type")
                                                                    .equals(
                                                                            ck.getAttribute(
                                                                                    "type")))
                                    .findFirst()
                                    .orElse(same.isEmpty() ? null : same.get(0));
            if (found != null) {
                used.add(found);
                out.put(dk, found);
            }
        }
        return out;
    }

    /** Current children of authoritative lists that no desired child matched. */
    static List<Element> extras(Element d, Element c, Map<Element, Element> matches) {
        Set<String> lists = AUTHORITATIVE.getOrDefault(d.getTagName(), Set.of());
        List<Element> out = new ArrayList<>();
        for (String tag : lists) {
            if (Xml.children(d, tag).isEmpty()) {
                continue;
            }
            for (Element ck : Xml.children(c, tag)) {
                if (!matches.containsValue(ck)) {
                    out.add(ck);
                }
            }
        }
        return out;
    }

    /**
     * The identifying value of an element among its siblings, or null to match by tag, type and
     * order.
     */
    static String identity(Element e) {
        Element alias = Xml.child(e, "alias");
        if (alias != null && alias.getAttribute("name").startsWith("ua-")) {
            return "alias=" + alias.getAttribute("name");
        }
        Element target = Xml.child(e, "target");
        return switch (e.getTagName()) {
            case "disk" -> target == null ? null : "dev=" + target.getAttribute("dev");
            case "interface" -> {
                Element mac = Xml.child(e, "mac");
                yield mac == null
                        ? null
                        : "mac=" + mac.getAttribute("address").toLowerCase(java.util.Locale.ROOT);
            }
            case "vcpupin", "vcpu" ->
                    e.hasAttribute("vcpu")
                            ? "vcpu=" + e.getAttribute("vcpu")
                            : e.hasAttribute("id") ? "id=" + e.getAttribute("id") : null;
            case "iothreadpin" -> "iothread=" + e.getAttribute("iothread");
            case "iothread" -> "id=" + e.getAttribute("id");
            case "cell" -> e.hasAttribute("id") ? "id=" + e.getAttribute("id") : null;
            case "memnode" -> "cellid=" + e.getAttribute("cellid");
            case "feature", "timer" -> "name=" + e.getAttribute("name");
            case "vcpusched", "iothreadsched" ->
                    "set="
                            + canonicalCpuset(
                                    e.getAttribute(
                                            e.hasAttribute("vcpus") ? "vcpus" : "iothreads"));
            case "controller" ->
                    e.hasAttribute("index")
                            ? "type=" + e.getAttribute("type") + ",index=" + e.getAttribute("index")
                            : null;
            case "serial", "parallel" ->
                    target == null || !target.hasAttribute("port")
                            ? null
                            : "port=" + target.getAttribute("port");
            case "console" ->
                    target == null || !target.hasAttribute("port")
                            ? null
                            : "target="
                                    + target.getAttribute("type")
                                    + ":"
                                    + target.getAttribute("port");
            case "channel" ->
                    target == null
                            ? null
                            : target.hasAttribute("name")
                                    ? "name=" + target.getAttribute("name")
                                    : Xml.child(target, "address") == null
                                            ? null
                                            : "address="
                                                    + Xml.child(target, "address")
                                                            .getAttribute("port");
            case "filesystem" -> target == null ? null : "dir=" + target.getAttribute("dir");
            case "hostdev" -> hostdevIdentity(e);
            default -> null;
        };
    }

    private static String hostdevIdentity(Element e) {
        Element src = Xml.child(e, "source");
        Element addr = src == null ? null : Xml.child(src, "address");
        if (addr == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder("source=");
        for (String a : new String[] {"domain", "bus", "slot", "function", "device"}) {
            BigInteger n = number(addr.getAttribute(a));
            sb.append(n == null ? addr.getAttribute(a) : n.toString()).append(':');
        }
        return sb.toString();
    }

    private static Step step(Element e, Element counterpart) {
        return switch (e.getTagName()) {
            case "disk" -> {
                Element t = Xml.child(e, "target");
                yield t == null
                        ? new Step("disk", null, null)
                        : new Step("disk", "dev", t.getAttribute("dev"));
            }
            case "vcpupin" -> new Step("vcpupin", "vcpu", e.getAttribute("vcpu"));
            case "iothreadpin" -> new Step("iothreadpin", "iothread", e.getAttribute("iothread"));
            case "iothread" -> new Step("iothread", "id", e.getAttribute("id"));
            case "feature" -> new Step("feature", "name", e.getAttribute("name"));
            case "interface" -> {
                Element mac = Xml.child(counterpart == null ? e : counterpart, "mac");
                yield mac == null
                        ? new Step("interface", null, null)
                        : new Step("interface", "mac", mac.getAttribute("address"));
            }
            default -> new Step(e.getTagName(), null, null);
        };
    }

    private static Kind kind(List<Step> path, String tag) {
        List<String> tags = path.stream().map(Step::tag).toList();
        if (tags.contains("cputune")
                && (tags.contains("vcpupin")
                        || tags.contains("emulatorpin")
                        || tags.contains("iothreadpin"))) {
            return Kind.PIN;
        }
        if (tags.contains("iothreadids") && tags.contains("poll")) {
            return Kind.POLL;
        }
        return Kind.OTHER;
    }
}
