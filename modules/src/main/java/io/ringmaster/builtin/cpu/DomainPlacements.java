package io.ringmaster.builtin.cpu;

import io.ringmaster.builtin.support.Xml;
import io.ringmaster.module.api.Shell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * The placements of a host's existing domains, from their persistent definitions' {@code
 * <cputune>}.
 */
public final class DomainPlacements {
    private DomainPlacements() {}

    /**
     * Shell text printing every domain's inactive XML with ONE virsh process (domains named by
     * UUID: no quoting).
     */
    public static String script(String uri) {
        String v = "virsh -c " + Shell.quote(uri);
        return "ids=$("
                + v
                + " list --all --uuid) || exit $?; c=; for i in $ids; do c=\"$c dumpxml --inactive $i;\"; done;"
                + " [ -z \"$c\" ] || "
                + v
                + " \"$c\"";
    }

    /**
     * Placement by domain name; domains without vCPU pins (floating) are left out. Unreadable
     * chunks are skipped.
     */
    public static Map<String, Placement> parse(String dumps) {
        Map<String, Placement> out = new TreeMap<>();
        for (String chunk : dumps.split("</domain>")) {
            int at = chunk.indexOf("<domain");
            if (at < 0) {
                continue;
            }
            try {
                Element d = Xml.parse(chunk.substring(at) + "</domain>").getDocumentElement();
                placement(d).ifPresent(p -> out.put(Xml.text(Xml.child(d, "name")).trim(), p));
            } catch (Xml.XmlException e) {
                // a definition we cannot read holds no placement we could keep
            }
        }
        return out;
    }

    static java.util.Optional<Placement> placement(Element d) {
        Element vcpu = Xml.child(d, "vcpu");
        String n = vcpu == null ? "" : Xml.text(vcpu).trim();
        int vcpus = n.matches("\\d+") ? Integer.parseInt(n) : 0;
        Map<Integer, String> vcpuPins = new TreeMap<>();
        Map<Integer, String> ioPins = new TreeMap<>();
        String emulator = "";
        Element cputune = Xml.child(d, "cputune");
        for (Element e : cputune == null ? List.<Element>of() : Xml.children(cputune)) {
            String cpuset = e.getAttribute("cpuset");
            switch (e.getTagName()) {
                case "vcpupin" -> vcpuPins.put(intOr(e.getAttribute("vcpu")), cpuset);
                case "iothreadpin" -> ioPins.put(intOr(e.getAttribute("iothread")), cpuset);
                case "emulatorpin" -> emulator = cpuset;
                default -> {}
            }
        }
        List<String> pins = new ArrayList<>();
        for (int i = 0; i < vcpus; i++) {
            String p = vcpuPins.getOrDefault(i, vcpu != null ? vcpu.getAttribute("cpuset") : "");
            if (p.isBlank()) {
                return java.util.Optional.empty();
            }
            pins.add(p);
        }
        return vcpus == 0
                ? java.util.Optional.empty()
                : java.util.Optional.of(
                        new Placement(pins, emulator, List.copyOf(ioPins.values()), -1, ""));
    }

    private static int intOr(String s) {
        return s.matches("\\d+") ? Integer.parseInt(s) : -1;
    }

    /**
     * The {@code current} parameter's shape: {NAME: {vcpu_pins: [...], iothread_pins: [...],
     * emulator_cpuset}}.
     */
    public static Map<String, Placement> fromMap(Map<?, ?> map) {
        Map<String, Placement> out = new LinkedHashMap<>();
        map.forEach(
                (k, v) -> {
                    if (!(v instanceof Map<?, ?> m)) {
                        throw new IllegalArgumentException(
                                "current."
                                        + k
                                        + " must be a map {vcpu_pins, iothread_pins, emulator_cpuset}");
                    }
                    out.put(
                            String.valueOf(k),
                            new Placement(
                                    strings(m.get("vcpu_pins")),
                                    String.valueOf(
                                            m.get("emulator_cpuset") == null
                                                    ? ""
                                                    : m.get("emulator_cpuset")),
                                    strings(m.get("iothread_pins")),
                                    -1,
                                    ""));
                });
        return out;
    }

    private static List<String> strings(Object v) {
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
