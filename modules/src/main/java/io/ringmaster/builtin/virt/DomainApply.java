package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Backups;
import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.builtin.support.Version;
import io.ringmaster.builtin.support.Xml;
import io.ringmaster.builtin.virt.DomainCompare.Kind;
import io.ringmaster.builtin.virt.DomainCompare.Mismatch;
import io.ringmaster.builtin.virt.Tuning.Pin;
import io.ringmaster.builtin.virt.Tuning.Poll;
import io.ringmaster.module.api.Diff;
import io.ringmaster.module.api.Diffs;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.ModuleContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Executes a {@link DomainPlan} under the per-domain lock on the host and verifies it by reading
 * back: define (only if the definition is still the one planned from), then
 * start/stop/restart/pins/polling/autostart.
 */
final class DomainApply {
    /**
     * Backups kept per domain: each define or undefine adds one, the oldest beyond this are
     * removed.
     */
    static final int BACKUPS_KEPT = 10;

    static final String BACKUP_DIR = "/var/lib/ringmaster/backups";

    private final ModuleContext ctx;
    private final String name;
    private final String prelude;
    private final DomainRead read;
    private final DomainPlan plan;
    private final Element lastApplied;
    private final Result result;

    DomainApply(
            ModuleContext ctx,
            String name,
            String prelude,
            DomainRead read,
            DomainPlan plan,
            Element lastApplied,
            Result result) {
        this.ctx = ctx;
        this.name = name;
        this.prelude = prelude;
        this.read = read;
        this.plan = plan;
        this.lastApplied = lastApplied;
        this.result = result;
    }

    /**
     * A failure after (or before) something changed on the host; {@code changed} when a define or
     * restart ran.
     */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean changed;

        Failure(String message, boolean changed) {
            super(message);
            this.changed = changed;
        }
    }

    static String backupCommand(String backupPath) {
        return Backups.writeAndPrune(backupPath, Virsh.dumpTo(backupPath), BACKUPS_KEPT);
    }

    static String backupPath(String name) {
        return Backups.inDir(BACKUP_DIR, name);
    }

    /** Who holds the lock, for the message a waiting run gives. */
    static String owner(ModuleContext ctx) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown";
        }
        return "ringmaster pid "
                + ProcessHandle.current().pid()
                + " on "
                + host
                + " (for "
                + ctx.host()
                + "), since "
                + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /**
     * SHA-256 of a definition's text without whitespace, as the lock step computes it on the host.
     */
    static String sha(String xml) {
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256")
                            .digest(
                                    xml.replaceAll("[ \\t\\r\\n]", "")
                                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void run() throws Failure, Xml.XmlException, HostUnreachableException, InterruptedException {
        Element current =
                read.state().exists()
                        ? Xml.parse(read.state().inactiveXml()).getDocumentElement()
                        : null;
        String before = Definition.display(Secrets.redacted(current));
        String expected = sha(read.state().inactiveXml());
        if (plan.define()) {
            String backup = current == null ? "" : backupPath(name);
            Element after = define(current, backup, expected);
            result.data.put("uuid", Xml.text(Xml.child(after, "uuid")));
            result.data.put("backup", backup);
            expected = null;
            result.diff(ctx, name, before, Definition.display(Secrets.redacted(after)));
        } else {
            result.data.put("backup", "");
        }
        if (plan.runtimeWork()) {
            DomainState fin = runtime(expected);
            verify(fin);
            if (result.diff == null && ctx.diffMode() && !fin.inactiveXml().isEmpty()) {
                result.diff(
                        ctx,
                        name,
                        before,
                        Definition.display(
                                Secrets.redacted(
                                        Xml.parse(fin.inactiveXml()).getDocumentElement())));
            }
            result.data.put("state", fin.state());
            result.data.put("uuid", fin.uuid());
        }
    }

    private int lockWait() {
        return (int) Math.max(0, ctx.args().integer("lock_timeout").orElse(60L));
    }

    /**
     * Lock, check nothing changed since the read, validate, back up, define, read back and verify:
     * one exec.
     */
    private Element define(Element current, String backup, String expected)
            throws Failure, Xml.XmlException, HostUnreachableException, InterruptedException {
        String xml;
        Element toDefine;
        try {
            toDefine =
                    Xml.parse(Definition.toDefine(read.desired().raw(), current))
                            .getDocumentElement();
            LastApplied.write(toDefine, current, read.desired().canonical());
            xml = Xml.format(toDefine);
        } catch (Definition.IdentityConflict e) {
            throw new Failure(e.getMessage(), false);
        }
        Sections s = Sections.script().raw(prelude);
        // a new domain defined without a UUID: libvirt itself refuses it if the name was defined
        // meanwhile ("already exists with uuid"), so no virsh process is spent checking first
        boolean libvirtChecks = current == null && Xml.child(toDefine, "uuid") == null;
        Virsh.lock(s, lockWait(), owner(ctx), libvirtChecks ? null : expected, read.secure());
        Virsh.define(s, name, backup.isEmpty() ? "" : backupCommand(backup), read.secure());
        ExecResult r =
                ctx.remote()
                        .exec(
                                s.command(),
                                xml.getBytes(StandardCharsets.UTF_8),
                                Duration.ofSeconds(120 + lockWait()));
        Map<String, Section> out = s.parse(r.stdout());
        Map<String, Section> back = Virsh.checked(out);
        checkSteps(out, back, r, backup, libvirtChecks);
        String libvirt =
                Sections.okText(back, "version")
                        .flatMap(Version::libvirt)
                        .map(v -> "libvirt " + v)
                        .orElse("libvirt");
        String text = Sections.okText(back, "readback").orElse("");
        if (!text.contains("<domain")) {
            throw new Failure(
                    "'"
                            + name
                            + "' was defined but reading it back failed (rc "
                            + r.rc()
                            + ", sections "
                            + out.keySet()
                            + "): "
                            + text.strip()
                            + r.stderr().strip()
                            + "; check it with 'virsh dumpxml "
                            + name
                            + "'",
                    true);
        }
        Element after = Xml.parse(text.substring(text.indexOf("<domain"))).getDocumentElement();
        verifyKept(after, libvirt, backup);
        return after;
    }

    /**
     * {@code out}: the script's sections; {@code back}: the same, virsh's batched ones {@link
     * Virsh#checked}.
     */
    private void checkSteps(
            Map<String, Section> out,
            Map<String, Section> back,
            ExecResult r,
            String backup,
            boolean libvirtChecks)
            throws Failure {
        Section lock = out.get("lock");
        if (lock == null) {
            throw new Failure(
                    "the define script did not run on the host (rc "
                            + r.rc()
                            + ", "
                            + r.stderr().strip()
                            + "); check that "
                            + Virsh.STATE_DIR
                            + " can be created and flock (util-linux) is installed",
                    false);
        }
        if (!lock.ok()) {
            throw new Failure(
                    "domain '"
                            + name
                            + "' is locked by another run for more than "
                            + lockWait()
                            + " s ("
                            + lock.text().strip()
                            + "); nothing was changed: wait for that run to finish, or raise lock_timeout",
                    false);
        }
        Section same = out.get("unchanged");
        Section defined = back.get("define");
        boolean definedMeanwhile =
                libvirtChecks
                        && defined != null
                        && !defined.ok()
                        && defined.text().contains("already exists");
        if (same != null && !same.ok() || definedMeanwhile) {
            throw new Failure(
                    "the persistent definition of '"
                            + name
                            + "' changed since this run read it (another run"
                            + " or a person defined it meanwhile); nothing was changed: re-run to plan against the new definition",
                    false);
        }
        Section validate = out.get("validate");
        if (validate != null && !validate.ok()) {
            throw new Failure(
                    "virt-xml-validate rejects the rendered definition of '"
                            + name
                            + "' (nothing was changed): "
                            + Secrets.maskText(validate.text().strip())
                            + "; fix the template",
                    false);
        }
        if (validate != null) {
            result.data.put(
                    "validation",
                    validate.text().contains("absent")
                            ? "skipped: virt-xml-validate absent"
                            : "virt-xml-validate: ok");
        }
        Section failed = VirtDomainModule.firstFailed(back, "backup", "define");
        if (failed != null) {
            throw new Failure(
                    failed.name().equals("backup")
                            ? "backing up '"
                                    + name
                                    + "' to "
                                    + backup
                                    + " failed: "
                                    + failed.text().strip()
                                    + "; nothing was changed"
                            : "libvirt refused the definition of '"
                                    + name
                                    + "': "
                                    + Secrets.maskText(failed.text().strip())
                                    + "; the previous definition is unchanged: correct the value libvirt names",
                    false);
        }
    }

    /** Fails only on values libvirt should have kept, naming what it has instead. */
    private void verifyKept(Element after, String libvirt, String backup) throws Failure {
        List<Mismatch> lost = DomainCompare.compare(read.desired().canonical(), after);
        List<Mismatch> dropped =
                Secrets.redact(lost.stream().filter(m -> m.kind() != Kind.POLL).toList());
        if (!dropped.isEmpty()) {
            throw new Failure(
                    libvirt
                            + " did not keep "
                            + String.join(
                                    ", ",
                                    dropped.stream()
                                            .map(
                                                    m ->
                                                            m.xmlPath()
                                                                    + (DomainCompare.ABSENT.equals(
                                                                                    m.actual())
                                                                            ? " (it has none)"
                                                                            : " (it has '"
                                                                                    + m.actual()
                                                                                    + "')"))
                                            .toList())
                            + " when defining '"
                            + name
                            + "': the new definition IS in place"
                            + (backup.isEmpty() ? "" : ", the previous one is saved in " + backup)
                            + "; this libvirt changes or does not support that setting",
                    true);
        }
        lost.stream()
                .filter(m -> m.kind() == Kind.POLL)
                .findFirst()
                .ifPresent(
                        m ->
                                result.notes.add(
                                        libvirt
                                                + " dropped "
                                                + m.xmlPath()
                                                + " from the definition: polling is applied live instead"));
        Tuning.polls(read.desired().raw()).stream()
                .findFirst()
                .filter(p -> lost.stream().noneMatch(m -> m.kind() == Kind.POLL))
                .ifPresent(
                        p ->
                                result.notes.add(
                                        libvirt
                                                + " dropped <iothreadids><iothread id='"
                                                + p.id()
                                                + "'><poll> from the definition: polling is applied live instead"));
        for (Mismatch m : DomainCompare.removed(lastApplied, read.desired().canonical(), after)) {
            result.notes.add(
                    "libvirt keeps "
                            + Secrets.redact(m)
                                    .describe()
                                    .replace(": present, not in the desired definition", "")
                            + " as its default after the removal");
        }
    }

    /**
     * Shutdown, start or a detached restart, live pins, polling and autostart in one exec, then a
     * fresh read.
     */
    private DomainState runtime(String expected)
            throws Failure, HostUnreachableException, InterruptedException {
        long timeout = ctx.args().integer("shutdown_timeout").orElse(60L);
        Sections s = Sections.script().raw(prelude);
        Virsh.lock(s, lockWait(), owner(ctx), expected, read.secure());
        runtimeSteps(s, timeout);
        Virsh.appendRead(s, name, read.secure(), !Tuning.polls(read.desired().raw()).isEmpty());
        ExecResult r =
                ctx.remote()
                        .exec(s.command(), null, Duration.ofSeconds(timeout + 120 + lockWait()));
        Map<String, Section> out = s.parse(r.stdout());
        Section lock = out.get("lock");
        if (lock == null || !lock.ok()) {
            throw new Failure(
                    "domain '"
                            + name
                            + "' is locked by another run ("
                            + (lock == null ? r.stderr().strip() : lock.text().strip())
                            + "); its state was not changed",
                    plan.define());
        }
        Section failed =
                VirtDomainModule.firstFailed(
                        out, "unchanged", "shutdown", "start", "restart", "autostart");
        if (failed != null) {
            throw new Failure(
                    "'"
                            + failed.name()
                            + "' of domain '"
                            + name
                            + "' failed: "
                            + failed.text().strip()
                            + (failed.name().matches("start|restart")
                                    ? "; check /var/log/libvirt/qemu/" + name + ".log on the host"
                                    : "")
                            + " (planned: "
                            + String.join("; ", plan.changes())
                            + ")",
                    plan.define() || failed.name().equals("restart"));
        }
        return DomainState.parse(Virsh.checked(out));
    }

    private void runtimeSteps(Sections s, long timeout) {
        if (plan.restart()) {
            s.step("restart", Virsh.detachedRestart(timeout));
        } else if (plan.stop()) {
            s.step("shutdown", Virsh.shutdown(timeout));
        }
        if (plan.start()) {
            s.step("start", Virsh.start());
        }
        int i = 0;
        for (Pin p : plan.livePins()) {
            s.step("pin-" + i++, Virsh.pin(p));
        }
        i = 0;
        for (Poll p : plan.polls()) {
            s.step("poll-" + i++, Virsh.poll(p));
        }
        if (plan.autostart() != null) {
            s.step("autostart", Virsh.autostart(plan.autostart()));
        }
    }

    /** Re-reads what libvirt reports and refuses to claim anything that did not take effect. */
    private void verify(DomainState fin) throws Failure, Xml.XmlException {
        boolean changed = true;
        boolean activeAfter = plan.activeAfter(read.state());
        if (activeAfter != fin.active()) {
            throw new Failure(
                    "domain '"
                            + name
                            + "' is "
                            + fin.state()
                            + " after the change, expected "
                            + (activeAfter ? "running" : "shut off")
                            + "; check /var/log/libvirt/qemu/"
                            + name
                            + ".log",
                    changed);
        }
        if (plan.autostart() != null && plan.autostart() != fin.autostart()) {
            throw new Failure(
                    "autostart of '"
                            + name
                            + "' is still "
                            + fin.autostart()
                            + " after virsh autostart",
                    changed);
        }
        if (!fin.active()) {
            return;
        }
        Element live = Xml.parse(fin.liveXml()).getDocumentElement();
        List<Pin> pinsLeft =
                Tuning.missing(
                        Tuning.applicableLive(Tuning.pins(read.desired().canonical()), live),
                        Tuning.pins(live));
        if (!pinsLeft.isEmpty()) {
            throw new Failure(
                    "the running domain '"
                            + name
                            + "' does not show "
                            + String.join(", ", pinsLeft.stream().map(Pin::describe).toList())
                            + " after pinning; compare 'virsh vcpupin "
                            + name
                            + "'",
                    changed);
        }
        List<Poll> pollsLeft =
                Tuning.polls(read.desired().raw()).stream()
                        .filter(p -> !p.heldBy(fin.iothreadStats()))
                        .toList();
        if (!pollsLeft.isEmpty()) {
            throw new Failure(
                    "virsh domstats --iothread does not show "
                            + String.join(", ", pollsLeft.stream().map(Poll::describe).toList())
                            + " on '"
                            + name
                            + "' after iothreadset; stats: "
                            + fin.iothreadStats(),
                    changed);
        }
        if (plan.restart()) {
            List<Mismatch> still = DomainPlan.restartReasons(read.desired(), null, live);
            if (!still.isEmpty()) {
                throw new Failure(
                        "after the restart the running domain '"
                                + name
                                + "' still differs: "
                                + DomainPlan.describe(still),
                        changed);
            }
        }
        result.data.put("domain_id", fin.id());
    }

    /** What the run reports: data, notes and the diff, filled while applying. */
    static final class Result {
        final Map<String, Object> data;
        final List<String> notes;
        Diff diff;

        Result(Map<String, Object> data, List<String> notes) {
            this.data = data;
            this.notes = notes;
        }

        void diff(ModuleContext ctx, String name, String before, String after) {
            if (ctx.diffMode() && !after.equals(before)) {
                diff =
                        Diffs.of(
                                name + " (previous definition)",
                                name + " (new definition)",
                                before,
                                after);
            }
        }
    }
}
