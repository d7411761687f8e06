package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Xml;
import io.ringmaster.builtin.virt.DomainCompare.Kind;
import io.ringmaster.builtin.virt.DomainCompare.Mismatch;
import io.ringmaster.builtin.virt.Tuning.Pin;
import io.ringmaster.builtin.virt.Tuning.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.w3c.dom.Element;

/**
 * What one run must do to one domain: a pure function of the desired definition, the domain as
 * read, the last-applied record and the task's arguments ({@link #of}). Nothing here touches a
 * host.
 *
 * @param define the persistent definition must be (re)defined
 * @param config what differs in the persistent definition (secrets masked), removals included
 * @param removals the three-way removals among {@code config}
 * @param stop shut the domain down
 * @param start start it
 * @param restart restart it (restart: if_needed and a change needs it)
 * @param restartReasons what the running domain lacks that only a restart brings
 * @param livePins pins applied with --live --config on the running domain
 * @param polls IOThread polling to apply live
 * @param autostart the autostart value to set, null to leave it
 * @param changes the changes, one line each, for the message
 * @param notes what the message adds (restart required, polling pending, no last-applied record)
 * @param warnings what libvirt does not keep in a persistent definition
 * @param polling none | held | applied live | pending until start
 */
public record DomainPlan(
        boolean define,
        List<Mismatch> config,
        List<Mismatch> removals,
        boolean stop,
        boolean start,
        boolean restart,
        List<Mismatch> restartReasons,
        List<Pin> livePins,
        List<Poll> polls,
        Boolean autostart,
        List<String> changes,
        List<String> notes,
        List<String> warnings,
        String polling) {

    /** The task's arguments the plan depends on. */
    public record Args(String state, boolean restartIfNeeded, Boolean autostart) {}

    public boolean nothingToDo() {
        return changes.isEmpty();
    }

    public boolean restartRequired() {
        return !restartReasons.isEmpty() && !restart;
    }

    public boolean activeAfter(DomainState st) {
        return (st.active() && !stop) || start;
    }

    public boolean runtimeWork() {
        return stop
                || start
                || restart
                || !livePins.isEmpty()
                || !polls.isEmpty()
                || autostart != null;
    }

    /**
     * The plan. {@code lastApplied} is null when Ringmaster never applied a definition to this
     * domain.
     */
    public static DomainPlan of(Desired desired, DomainState st, Element lastApplied, Args args)
            throws Xml.XmlException {
        Element current = st.exists() ? Xml.parse(st.inactiveXml()).getDocumentElement() : null;
        Element live =
                st.active() && !st.liveXml().isEmpty()
                        ? Xml.parse(st.liveXml()).getDocumentElement()
                        : null;
        List<Mismatch> removals =
                Secrets.redact(DomainCompare.removed(lastApplied, desired.canonical(), current));
        List<Mismatch> config =
                current == null
                        ? List.of()
                        : Stream.concat(
                                        Secrets.redact(
                                                        DomainCompare.compare(
                                                                desired.canonical(), current))
                                                .stream()
                                                .filter(m -> m.kind() != Kind.POLL),
                                        removals.stream())
                                .distinct()
                                .toList();
        boolean stop = "shutoff".equals(args.state()) && st.active();
        boolean start = "running".equals(args.state()) && !st.active();
        boolean stayActive = st.active() && !stop;
        boolean pinsOnly =
                stayActive && live != null && config.stream().allMatch(m -> m.kind() == Kind.PIN);
        boolean define = current == null || (!config.isEmpty() && !pinsOnly);
        List<Pin> livePins =
                stayActive && live != null
                        ? livePins(desired, current, live, pinsOnly)
                        : new ArrayList<>();
        List<Mismatch> reasons =
                stayActive && live != null ? restartReasons(desired, lastApplied, live) : List.of();
        boolean restart = !reasons.isEmpty() && args.restartIfNeeded();
        if (restart) {
            livePins.clear();
        }
        List<Poll> all = Tuning.polls(desired.raw());
        boolean activeAfter = stayActive || start;
        List<Poll> polls =
                !activeAfter
                        ? List.of()
                        : start || restart
                                ? all
                                : all.stream().filter(p -> !p.heldBy(st.iothreadStats())).toList();
        Boolean autostart =
                args.autostart() != null && args.autostart() != st.autostart()
                        ? args.autostart()
                        : null;
        List<String> changes =
                changes(
                        current == null ? Xml.text(Xml.child(desired.raw(), "name")) : null,
                        define ? config : List.of(),
                        stop,
                        restart,
                        reasons,
                        start,
                        livePins,
                        polls,
                        autostart,
                        st);
        List<String> notes =
                notes(
                        reasons,
                        restart,
                        !all.isEmpty() && !activeAfter,
                        current != null && lastApplied == null);
        String polling =
                all.isEmpty()
                        ? "none"
                        : activeAfter
                                ? (polls.isEmpty() ? "held" : "applied live")
                                : "pending until start";
        return new DomainPlan(
                define,
                config,
                removals,
                stop,
                start,
                restart,
                reasons,
                livePins,
                polls,
                autostart,
                changes,
                notes,
                warnings(desired),
                polling);
    }

    private static List<String> notes(
            List<Mismatch> reasons, boolean restart, boolean pollsPending, boolean noRecord) {
        List<String> notes = new ArrayList<>();
        if (!reasons.isEmpty() && !restart) {
            notes.add("restart required: " + describe(reasons));
        }
        if (pollsPending) {
            notes.add(
                    "IOThread polling pending until the domain starts (libvirt keeps it only on a running domain)");
        }
        if (noRecord) {
            notes.add(
                    "no last-applied record on this domain (Ringmaster never defined it): removals from the template"
                            + " are seen only for disks, interfaces, hostdevs and filesystems until it does");
        }
        return notes;
    }

    private static List<Pin> livePins(
            Desired desired, Element current, Element live, boolean pinsOnly) {
        // only pins of vCPUs/IOThreads the running domain has: one the new definition adds exists
        // after a restart
        List<Pin> wanted = Tuning.applicableLive(Tuning.pins(desired.canonical()), live);
        List<Pin> out = new ArrayList<>(Tuning.missing(wanted, Tuning.pins(live)));
        if (pinsOnly) {
            Tuning.missing(wanted, Tuning.pins(current)).stream()
                    .filter(p -> !out.contains(p))
                    .forEach(out::add);
        }
        return out;
    }

    /**
     * What the running domain lacks of the desired definition, beyond pins and polling and
     * runtime-assigned values.
     */
    static List<Mismatch> restartReasons(Desired desired, Element lastApplied, Element live) {
        return Stream.concat(
                        DomainCompare.compare(desired.canonical(), live).stream()
                                .filter(
                                        m ->
                                                m.kind() == Kind.OTHER
                                                        && !DriverTable.assignedAtStart(m)),
                        DomainCompare.removed(lastApplied, desired.canonical(), live).stream()
                                .filter(m -> !DriverTable.assignedAtStart(m)))
                .map(Secrets::redact)
                .toList();
    }

    private static List<String> changes(
            String newName,
            List<Mismatch> config,
            boolean stop,
            boolean restart,
            List<Mismatch> reasons,
            boolean start,
            List<Pin> pins,
            List<Poll> polls,
            Boolean autostart,
            DomainState st) {
        List<String> out = new ArrayList<>();
        if (newName != null) {
            out.add("define new domain '" + newName + "'");
        }
        config.forEach(m -> out.add("definition: " + m.describe()));
        if (stop) {
            out.add("shut down (was " + st.state() + ")");
        }
        if (restart) {
            out.add("restart to apply: " + describe(reasons));
        }
        if (start) {
            out.add("start");
        }
        pins.forEach(p -> out.add(p.describe() + " (live and config)"));
        polls.forEach(
                p ->
                        out.add(
                                p.describe()
                                        + " (live"
                                        + (start || restart ? ", after start" : "")
                                        + ")"));
        if (autostart != null) {
            out.add("autostart " + (autostart ? "enable" : "disable"));
        }
        return out;
    }

    private static List<String> warnings(Desired desired) {
        return desired.notKept().stream()
                .map(
                        v ->
                                "libvirt does not keep "
                                        + v
                                        + " in a persistent definition; remove it from the template")
                .toList();
    }

    static String describe(List<Mismatch> ms) {
        return String.join(", ", ms.stream().map(Mismatch::describe).toList());
    }
}
