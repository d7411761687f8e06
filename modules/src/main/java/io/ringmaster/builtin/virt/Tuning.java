package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** The settings applied live on a running domain: CPU pinning and IOThread polling. */
public final class Tuning {
    private Tuning() {}

    /**
     * A pin: {@code kind} vcpu, emulator or iothread; {@code id} the vCPU or IOThread id ("" for
     * emulator).
     */
    public record Pin(String kind, String id, String cpuset) {
        public String describe() {
            return switch (kind) {
                case "vcpu" -> "vcpupin vcpu " + id + " -> " + cpuset;
                case "iothread" -> "iothreadpin iothread " + id + " -> " + cpuset;
                default -> "emulatorpin -> " + cpuset;
            };
        }
    }

    /** IOThread polling; a value of -1 is not set. */
    public record Poll(String id, long max, long grow, long shrink) {
        public String describe() {
            StringBuilder sb = new StringBuilder("iothread " + id + " polling");
            if (max >= 0) {
                sb.append(" max ").append(max).append(" ns");
            }
            if (grow >= 0) {
                sb.append(" grow ").append(grow);
            }
            if (shrink >= 0) {
                sb.append(" shrink ").append(shrink);
            }
            return sb.toString();
        }

        /** Whether the live statistics show these values. */
        public boolean heldBy(Map<String, String> stats) {
            return same(max, stats.get("iothread." + id + ".poll-max-ns"))
                    && same(grow, stats.get("iothread." + id + ".poll-grow"))
                    && same(shrink, stats.get("iothread." + id + ".poll-shrink"));
        }

        private static boolean same(long want, String have) {
            return want < 0 || String.valueOf(want).equals(have);
        }
    }

    /** The pins of a domain definition, cpusets in canonical form. */
    public static List<Pin> pins(Element domain) {
        List<Pin> out = new ArrayList<>();
        Element cputune = domain == null ? null : Xml.child(domain, "cputune");
        if (cputune == null) {
            return out;
        }
        for (Element e : Xml.children(cputune)) {
            String cpuset = DomainCompare.canonicalCpuset(e.getAttribute("cpuset"));
            switch (e.getTagName()) {
                case "vcpupin" -> out.add(new Pin("vcpu", e.getAttribute("vcpu"), cpuset));
                case "emulatorpin" -> out.add(new Pin("emulator", "", cpuset));
                case "iothreadpin" ->
                        out.add(new Pin("iothread", e.getAttribute("iothread"), cpuset));
                default -> {}
            }
        }
        return out;
    }

    /** The desired pins that {@code actual} lacks or has with another cpuset. */
    /**
     * The pins a running domain can take now: a vCPU or IOThread the running domain does not have
     * (the new definition adds it; it exists after a restart) cannot be pinned live.
     */
    public static List<Pin> applicableLive(List<Pin> pins, Element live) {
        if (live == null) {
            return pins;
        }
        Element vcpu = Xml.child(live, "vcpu");
        int vcpus = -1;
        if (vcpu != null) {
            String n =
                    vcpu.hasAttribute("current")
                            ? vcpu.getAttribute("current")
                            : Xml.text(vcpu).trim();
            vcpus = n.matches("\\d+") ? Integer.parseInt(n) : -1;
        }
        java.util.Set<String> iothreads = new java.util.HashSet<>();
        Element ids = Xml.child(live, "iothreadids");
        if (ids != null) {
            Xml.children(ids, "iothread").forEach(t -> iothreads.add(t.getAttribute("id")));
        } else if (Xml.child(live, "iothreads") != null
                && Xml.text(Xml.child(live, "iothreads")).trim().matches("\\d+")) {
            int n = Integer.parseInt(Xml.text(Xml.child(live, "iothreads")).trim());
            for (int i = 1; i <= n; i++) {
                iothreads.add(Integer.toString(i));
            }
        }
        final int liveVcpus = vcpus;
        return pins.stream()
                .filter(
                        p ->
                                switch (p.kind()) {
                                    case "vcpu" ->
                                            liveVcpus < 0
                                                    || (p.id().matches("\\d+")
                                                            && Integer.parseInt(p.id())
                                                                    < liveVcpus);
                                    case "iothread" -> iothreads.contains(p.id());
                                    default -> true;
                                })
                .toList();
    }

    public static List<Pin> missing(List<Pin> desired, List<Pin> actual) {
        return desired.stream().filter(p -> !actual.contains(p)).toList();
    }

    /** The polling settings written in {@code <iothreadids><iothread id><poll .../>}. */
    public static List<Poll> polls(Element domain) {
        List<Poll> out = new ArrayList<>();
        Element ids = domain == null ? null : Xml.child(domain, "iothreadids");
        if (ids == null) {
            return out;
        }
        for (Element t : Xml.children(ids, "iothread")) {
            Element p = Xml.child(t, "poll");
            if (p != null) {
                out.add(
                        new Poll(
                                t.getAttribute("id"),
                                num(p, "max"),
                                num(p, "grow"),
                                num(p, "shrink")));
            }
        }
        return out;
    }

    private static long num(Element e, String attr) {
        String v = e.getAttribute(attr).trim();
        return v.matches("\\d+") ? Long.parseLong(v) : -1;
    }
}
