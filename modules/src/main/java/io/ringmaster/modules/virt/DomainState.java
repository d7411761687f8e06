package io.ringmaster.modules.virt;

import io.ringmaster.modules.support.Sections;
import io.ringmaster.modules.support.Sections.Section;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A domain as libvirt reports it, read in ONE exec: {@code dominfo}, the persistent definition and, when the domain
 * is active, its live definition and IOThread statistics. A missing domain is a state ({@code exists == false}).
 *
 * @param exists      libvirt knows the domain
 * @param state       dominfo's State ("running", "shut off", ...), "" when missing
 * @param active      it has a QEMU process (Id is not "-")
 * @param id          its domain id, "-" when inactive
 * @param uuid        its UUID, "" when missing
 * @param autostart   autostart is enabled
 * @param managedSave a managed save image exists
 * @param inactiveXml {@code dumpxml --inactive}, "" when missing
 * @param liveXml     {@code dumpxml} of the active domain, "" when inactive
 * @param iothreadStats {@code domstats --iothread} values such as {@code iothread.1.poll-max-ns -> 32768}
 * @param error       what virsh said when dominfo failed for another reason than a missing domain, else ""
 */
public record DomainState(boolean exists, String state, boolean active, String id, String uuid, boolean autostart,
                          boolean managedSave, String inactiveXml, String liveXml, Map<String, String> iothreadStats, String error) {

    public DomainState {
        iothreadStats = Map.copyOf(iothreadStats);
    }

    /** The read script. Values are already shell-quoted by the caller in {@code prelude}. */
    public static Sections script(String prelude, boolean iothreadStats) {
        Sections s = Sections.script();
        s.raw(prelude);
        return appendRead(s, iothreadStats);
    }

    /**
     * Appends the read commands (sections dominfo, inactive, live and, when {@code iothreadStats}, iothreads) to a
     * script; the statistics cost a virsh call and are only needed when polling is managed.
     */
    public static Sections appendRead(Sections s, boolean iothreadStats) {
        s.raw("info=$(virsh -c \"$U\" dominfo --domain \"$N\" 2>&1); rc=$?");
        s.raw(s.begin("dominfo"));
        s.raw("printf '%s\\n' \"$info\"; (exit $rc)");
        s.raw(s.end("dominfo"));
        s.raw("if [ $rc -eq 0 ]; then");
        s.section("inactive", "virsh -c \"$U\" dumpxml --inactive --domain \"$N\"");
        s.raw("if ! printf '%s\\n' \"$info\" | grep -q '^Id: *-$'; then");
        s.section("live", "virsh -c \"$U\" dumpxml --domain \"$N\"");
        if (iothreadStats) {
            s.section("iothreads", "virsh -c \"$U\" domstats --iothread --domain \"$N\"");
        }
        s.raw("fi; fi");
        return s;
    }

    public static DomainState parse(Map<String, Section> sec) {
        Section info = sec.get("dominfo");
        if (info == null) {
            return new DomainState(false, "", false, "-", "", false, false, "", "", Map.of(),
                    "the state script printed no dominfo section");
        }
        if (!info.ok()) {
            String msg = info.text().strip();
            boolean missing = msg.contains("failed to get domain") || msg.contains("Domain not found");
            return new DomainState(false, "", false, "-", "", false, false, "", "", Map.of(), missing ? "" : msg);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : info.text().split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                kv.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        String id = kv.getOrDefault("id", "-");
        return new DomainState(true, kv.getOrDefault("state", ""), !"-".equals(id), id, kv.getOrDefault("uuid", ""),
                "enable".equals(kv.get("autostart")), "yes".equals(kv.get("managed save")),
                Sections.okText(sec, "inactive").orElse(""), Sections.okText(sec, "live").orElse(""),
                stats(Sections.okText(sec, "iothreads").orElse("")), "");
    }

    /** {@code key=value} lines of {@code virsh domstats}. */
    public static Map<String, String> stats(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
