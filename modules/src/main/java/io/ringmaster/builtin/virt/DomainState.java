package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A domain as libvirt reports it, read in ONE exec and one virsh process ({@link
 * Virsh#readCommands}): {@code dominfo}, the persistent definition and, when the domain is active,
 * its live definition and IOThread statistics. A missing domain is a state ({@code exists ==
 * false}).
 *
 * @param exists libvirt knows the domain
 * @param state dominfo's State ("running", "shut off", ...), "" when missing
 * @param active it has a QEMU process (Id is not "-")
 * @param id its domain id, "-" when inactive
 * @param uuid its UUID, "" when missing
 * @param autostart autostart is enabled
 * @param managedSave a managed save image exists
 * @param inactiveXml {@code dumpxml --inactive}, "" when missing
 * @param liveXml {@code dumpxml} of the active domain, "" when inactive
 * @param iothreadStats {@code domstats --iothread} values such as {@code iothread.1.poll-max-ns ->
 *     32768}
 * @param error what virsh said when dominfo failed for another reason than a missing domain, else
 *     ""
 */
public record DomainState(
        boolean exists,
        String state,
        boolean active,
        String id,
        String uuid,
        boolean autostart,
        boolean managedSave,
        String inactiveXml,
        String liveXml,
        Map<String, String> iothreadStats,
        String error) {

    public DomainState {
        iothreadStats = Map.copyOf(iothreadStats);
    }

    /**
     * No state could be read: nothing exists as far as the plan knows, and {@code error} says why.
     */
    static DomainState unread(String error) {
        return new DomainState(false, "", false, "-", "", false, false, "", "", Map.of(), error);
    }

    /**
     * The state from the sections of {@link Virsh#readCommands} (already {@link Virsh#checked}).
     */
    public static DomainState parse(Map<String, Section> sec) {
        Section info = sec.get("dominfo");
        if (info == null) {
            return unread("the state script printed no dominfo section");
        }
        if (!info.ok()) {
            String msg = info.text().strip();
            boolean missing =
                    msg.contains("failed to get domain") || msg.contains("Domain not found");
            return new DomainState(
                    false, "", false, "-", "", false, false, "", "", Map.of(), missing ? "" : msg);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : info.text().split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                kv.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        String id = kv.getOrDefault("id", "-");
        boolean active = !"-".equals(id);
        return new DomainState(
                true,
                kv.getOrDefault("state", ""),
                active,
                id,
                kv.getOrDefault("uuid", ""),
                "enable".equals(kv.get("autostart")),
                "yes".equals(kv.get("managed save")),
                Sections.okText(sec, "inactive").orElse(""),
                active ? Sections.okText(sec, "live").orElse("") : "",
                stats(Sections.okText(sec, "iothreads").orElse("")),
                "");
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
