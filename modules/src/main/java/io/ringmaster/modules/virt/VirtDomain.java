package io.ringmaster.modules.virt;

import io.ringmaster.modules.support.Version;
import io.ringmaster.modules.support.Xml;

import io.ringmaster.module.api.Diff;
import io.ringmaster.module.api.Diffs;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.module.api.Shell;
import io.ringmaster.modules.support.Sections;
import io.ringmaster.modules.support.Sections.Section;
import io.ringmaster.modules.virt.DomainCompare.Kind;
import io.ringmaster.modules.virt.DomainCompare.Mismatch;
import io.ringmaster.modules.virt.Tuning.Pin;
import io.ringmaster.modules.virt.Tuning.Poll;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * {@code virt_domain}: a libvirt domain defined from a template (or inline XML) so that the desired XML HOLDS in its
 * persistent definition; pinning and IOThread polling applied live on a running domain; state and autostart managed.
 * A no-change run costs one exec per host.
 */
public final class VirtDomain implements Module {
    static final String BACKUP_DIR = "/var/lib/ringmaster/backups";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    @Override
    public String name() {
        return "virt_domain";
    }

    @Override
    public String description() {
        return "Define/start/stop/undefine a libvirt domain from a template; pinning and IOThread polling applied live";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required("name", ParamType.STRING, "domain name; must equal the rendered <name>"),
                Param.optional("template", ParamType.STRING, "domain XML template (Velocity), found under templates/"),
                Param.optional("xml", ParamType.TEMPLATE, "inline domain XML (Velocity), instead of template"),
                Param.optional("vars", ParamType.MAP, "variables for the template (it also sees the host's variables)"),
                Param.optional("state", ParamType.STRING, "desired state").withDefault("defined")
                        .withChoices("defined", "running", "shutoff", "undefined"),
                Param.optional("autostart", ParamType.BOOL, "start the domain with libvirtd; unset leaves it alone"),
                Param.optional("uri", ParamType.STRING, "libvirt connection URI").withDefault("qemu:///system"),
                Param.optional("restart", ParamType.STRING, "restart a running domain whose changes need it")
                        .withDefault("never").withChoices("never", "if_needed"),
                Param.optional("shutdown_timeout", ParamType.INT, "seconds to wait for a clean shutdown before destroy")
                        .withDefault(60));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> literalArgs) {
        List<String> problems = new ArrayList<>();
        boolean undefine = "undefined".equals(String.valueOf(literalArgs.get("state")));
        boolean hasTemplate = literalArgs.get("template") != null;
        boolean hasXml = literalArgs.get("xml") != null;
        if (hasTemplate && hasXml) {
            problems.add("give either template or xml, not both");
        } else if (!hasTemplate && !hasXml && !undefine) {
            problems.add("give template (a domain XML template under templates/) or xml (inline domain XML)");
        }
        Object name = literalArgs.get("name");
        if (name != null && !String.valueOf(name).contains("$")) {
            String why = nameProblem(String.valueOf(name));
            if (why != null) {
                problems.add(why);
            }
        }
        return problems;
    }

    /** Why a domain name is refused, or null when it is acceptable. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "name is empty; give the domain's name";
        }
        if (name.indexOf('/') >= 0) {
            return "domain name '" + name + "' contains '/', which libvirt does not allow; choose another name";
        }
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                return "domain name contains a control character (code " + (int) c + "); choose a printable name";
            }
        }
        return null;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws HostUnreachableException, InterruptedException {
        String name = ctx.args().requireString("name");
        String problem = nameProblem(name);
        if (problem != null) {
            return fail(ctx, problem);
        }
        String uri = ctx.args().string("uri").orElse("qemu:///system");
        String prelude = "U=" + Shell.quote(uri) + "; N=" + Shell.quote(name) + "; LC_ALL=C; export LC_ALL";
        String want = ctx.args().string("state").orElse("defined");
        if ("undefined".equals(want)) {
            return undefine(ctx, name, prelude);
        }
        Element desired;
        try {
            desired = render(ctx, name);
        } catch (Refusal r) {
            return fail(ctx, r.getMessage());
        }
        Sections read = DomainState.script(prelude, !Tuning.polls(desired).isEmpty());
        ExecResult r = ctx.remote().exec(read.command(), null, Duration.ofSeconds(120));
        DomainState st = DomainState.parse(read.parse(r.stdout()));
        if (!st.error().isEmpty()) {
            return fail(ctx, "cannot read domain '" + name + "' through " + uri + ": " + st.error()
                    + "; check that libvirtd runs and the URI is right (preflight checks this)");
        }
        try {
            return new Apply(ctx, name, uri, prelude, want, desired, st).run();
        } catch (Refusal e) {
            return fail(ctx, e.getMessage());
        } catch (Xml.XmlException e) {
            return fail(ctx, "libvirt returned XML that cannot be parsed for domain '" + name + "': " + e.getMessage());
        }
    }

    private static Element render(ModuleContext ctx, String name) throws Refusal {
        Map<String, Object> vars = ctx.args().map("vars");
        String text;
        String source;
        try {
            if (ctx.args().has("template")) {
                source = "template " + ctx.args().requireString("template");
                text = ctx.expr().renderTemplate(ctx.args().requireString("template"), vars);
            } else {
                source = "xml of virt_domain '" + name + "'";
                text = ctx.expr().renderText("virt_domain.xml.vm", ctx.args().requireString("xml"), vars);
            }
        } catch (ExpressionException e) {
            throw new Refusal("cannot render the domain XML: " + e.getMessage());
        }
        Element root;
        try {
            root = Xml.parse(text).getDocumentElement();
        } catch (Xml.XmlException e) {
            throw new Refusal("the rendered " + source + " is not well-formed XML (" + e.getMessage()
                    + "); fix the template, and check that values are XML-escaped");
        }
        if (!"domain".equals(root.getTagName())) {
            throw new Refusal("the rendered " + source + " has root <" + root.getTagName() + ">, not <domain>; fix the template");
        }
        Element nameEl = Xml.child(root, "name");
        String rendered = nameEl == null ? "" : Xml.text(nameEl);
        if (!name.equals(rendered)) {
            throw new Refusal("the rendered " + source + " names the domain '" + rendered + "' but the task's name is '"
                    + name + "'; make <name> in the template use the same value as the task's name");
        }
        if (!Xml.children(nameEl).isEmpty()) {
            throw new Refusal("the rendered <name> of " + source + " contains markup; escape the name in the template");
        }
        return root;
    }

    private ModuleResult undefine(ModuleContext ctx, String name, String prelude)
            throws HostUnreachableException, InterruptedException {
        Sections read = DomainState.script(prelude, false);
        DomainState st = DomainState.parse(read.parse(ctx.remote().exec(read.command(), null, Duration.ofSeconds(120)).stdout()));
        if (!st.error().isEmpty()) {
            return fail(ctx, "cannot read domain '" + name + "': " + st.error() + "; check that libvirtd runs");
        }
        if (!st.exists()) {
            return new ModuleResult.Ok("domain '" + name + "' is not defined", Map.of("state", "undefined",
                    "changes", List.of(), "restart_required", false, "uuid", ""));
        }
        List<String> changes = new ArrayList<>();
        if (st.active()) {
            changes.add("destroy (was " + st.state() + ")");
        }
        String backup = backupPath(name);
        changes.add("undefine (backup " + backup + ")");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uuid", st.uuid());
        data.put("changes", changes);
        data.put("restart_required", false);
        data.put("backup", backup);
        if (ctx.checkMode()) {
            data.put("state", st.state());
            return new ModuleResult.Changed("would " + String.join("; ", changes), data, null);
        }
        boolean nvram = st.inactiveXml().contains("<nvram");
        Sections s = Sections.script().raw(prelude);
        s.step("backup", backupCommand(backup));
        if (st.active()) {
            s.step("destroy", "virsh -c \"$U\" destroy --domain \"$N\"");
        }
        s.step("undefine", "virsh -c \"$U\" undefine --domain \"$N\"" + (nvram ? " --nvram" : "")
                + (st.managedSave() ? " --managed-save" : ""));
        DomainState.appendRead(s, false);
        Map<String, Section> out = s.parse(ctx.remote().exec(s.command(), null, Duration.ofSeconds(120)).stdout());
        Section failed = firstFailed(out, "backup", "destroy", "undefine");
        if (failed != null) {
            return fail(ctx, "undefining '" + name + "' failed at " + failed.name() + ": " + failed.text().strip()
                    + "; see libvirtd's log on the host");
        }
        if (DomainState.parse(out).exists()) {
            return fail(ctx, "domain '" + name + "' is still defined after virsh undefine; check it with 'virsh dominfo'");
        }
        data.put("state", "undefined");
        return new ModuleResult.Changed(String.join("; ", changes), data, null);
    }

    static String backupPath(String name) {
        return BACKUP_DIR + "/" + name + "." + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + ".xml";
    }

    /** Backups kept per domain: each define or undefine adds one, the oldest beyond this are removed. */
    static final int BACKUPS_KEPT = 10;

    static String backupCommand(String backupPath) {
        String dir = backupPath.substring(0, backupPath.lastIndexOf('/'));
        String prefix = backupPath.substring(dir.length() + 1, backupPath.length() - "YYYYMMDDTHHMMSS.SSSZ.xml".length());
        return "umask 077 && mkdir -p " + BACKUP_DIR + " && chmod 0700 " + BACKUP_DIR
                + " && virsh -c \"$U\" dumpxml --inactive --security-info --domain \"$N\" > " + Shell.quote(backupPath)
                // keep the newest BACKUPS_KEPT of this domain (exactly NAME.<UTC stamp>.xml; names sort by stamp)
                + " && { cd " + Shell.quote(dir) + " && export P=" + Shell.quote(prefix) + " && ls -1 2>/dev/null"
                + " | awk 'BEGIN { p = ENVIRON[\"P\"] } substr($0, 1, length(p)) == p && substr($0, length(p) + 1)"
                + " ~ /^[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]\\.[0-9][0-9][0-9]Z\\.xml$/'"
                + " | sort | head -n -" + BACKUPS_KEPT
                + " | while IFS= read -r f; do rm -f -- \"$f\"; done; true; }";
    }

    static Section firstFailed(Map<String, Section> out, String... names) {
        for (String n : names) {
            Section s = out.get(n);
            if (s != null && !s.ok()) {
                return s;
            }
        }
        for (Section s : out.values()) {
            if (!s.ok() && (s.name().startsWith("pin-") || s.name().startsWith("poll-"))) {
                return s;
            }
        }
        return null;
    }

    static ModuleResult fail(ModuleContext ctx, String msg) {
        return new ModuleResult.Failed("virt_domain on " + ctx.host() + ": " + msg, Map.of());
    }

    /** A refusal with a message that already says what and how to fix it. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }

    /** One apply of a desired definition to one host: plan, then (unless check mode) define, runtime changes, verify. */
    private static final class Apply {
        private final ModuleContext ctx;
        private final String name;
        private final String uri;
        private final String prelude;
        private final String want;
        private final Element desired;
        private final DomainState st;
        private final List<String> changes = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Map<String, Object> data = new LinkedHashMap<>();

        Apply(ModuleContext ctx, String name, String uri, String prelude, String want, Element desired, DomainState st) {
            this.ctx = ctx;
            this.name = name;
            this.uri = uri;
            this.prelude = prelude;
            this.want = want;
            this.desired = desired;
            this.st = st;
        }

        ModuleResult run() throws Refusal, Xml.XmlException, HostUnreachableException, InterruptedException {
            Element current = st.exists() ? Xml.parse(st.inactiveXml()).getDocumentElement() : null;
            Element live = st.active() && !st.liveXml().isEmpty() ? Xml.parse(st.liveXml()).getDocumentElement() : null;
            List<Mismatch> config = current == null ? List.of()
                    : DomainCompare.compare(desired, current).stream().filter(m -> m.kind() != Kind.POLL).toList();
            boolean willStop = "shutoff".equals(want) && st.active();
            boolean willStart = "running".equals(want) && !st.active();
            boolean stayActive = st.active() && !willStop;
            // on a domain that stays running, pin-only differences are applied with --live --config: no define
            boolean pinsOnly = stayActive && live != null && config.stream().allMatch(m -> m.kind() == Kind.PIN);
            boolean define = current == null || (!config.isEmpty() && !pinsOnly);
            if (current == null) {
                changes.add("define new domain '" + name + "'");
            }
            if (define) {
                config.forEach(m -> changes.add("definition: " + m.describe()));
            }
            List<Pin> livePins = new ArrayList<>();
            if (stayActive && live != null) {
                // only pins of vCPUs/IOThreads the running domain has: one the new definition adds exists after a
                // restart (virsh vcpupin --live on it fails "vcpu 1 is out of range of live cpu count 1")
                List<Pin> wanted = Tuning.applicableLive(Tuning.pins(desired), live);
                livePins.addAll(Tuning.missing(wanted, Tuning.pins(live)));
                if (pinsOnly) {
                    Tuning.missing(wanted, Tuning.pins(current)).stream()
                            .filter(p -> !livePins.contains(p)).forEach(livePins::add);
                }
            }
            List<Mismatch> restartReasons = stayActive && live != null
                    ? DomainCompare.compare(desired, live).stream().filter(m -> m.kind() == Kind.OTHER).toList() : List.of();
            boolean restart = !restartReasons.isEmpty() && "if_needed".equals(ctx.args().string("restart").orElse("never"));
            if (restart) {
                livePins.clear();
            }
            List<Poll> polls = Tuning.polls(desired);
            boolean freshStart = willStart || restart;
            boolean activeAfter = stayActive || willStart;
            List<Poll> pollsToApply = !activeAfter ? List.of()
                    : freshStart ? polls : polls.stream().filter(p -> !p.heldBy(st.iothreadStats())).toList();
            Boolean autostart = ctx.args().has("autostart") ? ctx.args().bool("autostart") : null;
            boolean autostartChange = autostart != null && autostart != st.autostart();

            if (willStop) {
                changes.add("shut down (was " + st.state() + ")");
            }
            if (restart) {
                changes.add("restart to apply: " + describe(restartReasons));
            }
            if (willStart) {
                changes.add("start");
            }
            livePins.forEach(p -> changes.add(p.describe() + " (live and config)"));
            pollsToApply.forEach(p -> changes.add(p.describe() + " (live" + (freshStart ? ", after start" : "") + ")"));
            if (autostartChange) {
                changes.add("autostart " + (autostart ? "enable" : "disable"));
            }
            boolean restartRequired = !restartReasons.isEmpty() && !restart;
            if (restartRequired) {
                notes.add("restart required: " + describe(restartReasons));
            }
            if (!polls.isEmpty() && !activeAfter) {
                notes.add("IOThread polling pending until the domain starts (libvirt keeps it only on a running domain)");
            }
            data.put("uuid", st.uuid());
            data.put("state", st.exists() ? st.state() : "undefined");
            data.put("changes", List.copyOf(changes));
            data.put("restart_required", restartRequired);
            data.put("restart_reasons", restartReasons.stream().map(Mismatch::describe).toList());
            data.put("polling", polls.isEmpty() ? "none" : activeAfter ? (pollsToApply.isEmpty() ? "held" : "applied live")
                    : "pending until start");

            if (changes.isEmpty()) {
                return new ModuleResult.Ok(join("domain '" + name + "' matches the desired definition"), data);
            }
            String before = Definition.display(current);
            if (ctx.checkMode()) {
                Diff diff = define && ctx.diffMode()
                        ? Diffs.of(name + " (current definition)", name + " (predicted definition)", before,
                        Definition.display(Definition.predicted(desired, current))) : null;
                return new ModuleResult.Changed(join("would: " + String.join("; ", changes)), data, diff);
            }

            Diff diff = null;
            String backup = "";
            if (define) {
                String xml;
                try {
                    xml = Definition.toDefine(desired, current);
                } catch (Definition.IdentityConflict e) {
                    throw new Refusal(e.getMessage());
                }
                backup = current == null ? "" : backupPath(name);
                Element after = define(xml, backup);
                data.put("uuid", Xml.text(Xml.child(after, "uuid")));
                if (ctx.diffMode()) {
                    diff = Diffs.of(name + " (previous definition)", name + " (new definition)", before,
                            Definition.display(after));
                }
            }
            data.put("backup", backup);
            if (willStop || willStart || restart || !livePins.isEmpty() || !pollsToApply.isEmpty() || autostartChange) {
                DomainState fin = runtime(willStop, freshStart, livePins, pollsToApply, autostart, autostartChange);
                verify(fin, activeAfter, restart, autostart);
                if (diff == null && ctx.diffMode() && !fin.inactiveXml().isEmpty()) {
                    String after = Definition.display(Xml.parse(fin.inactiveXml()).getDocumentElement());
                    diff = after.equals(before) ? null
                            : Diffs.of(name + " (previous definition)", name + " (new definition)", before, after);
                }
                data.put("state", fin.state());
                data.put("uuid", fin.uuid());
            }
            return new ModuleResult.Changed(join(String.join("; ", changes)), data, diff);
        }

        private String join(String head) {
            return notes.isEmpty() ? head : head + "; " + String.join("; ", notes);
        }

        private static String describe(List<Mismatch> ms) {
            return String.join(", ", ms.stream().map(Mismatch::describe).toList());
        }

        /** Backs up, validates, defines and reads back in one exec; the XML goes through stdin. */
        private Element define(String xml, String backup)
                throws Refusal, Xml.XmlException, HostUnreachableException, InterruptedException {
            Sections s = Sections.script().raw(prelude);
            s.raw("T=$(mktemp /tmp/ringmaster-domain.XXXXXX) || exit 1; trap 'rm -f \"$T\" \"$T.v\"' EXIT; cat > \"$T\"");
            // virt-xml-validate is a shell script around xmllint (libxml2-utils): without xmllint it cannot run, which
            // says nothing about the XML, so it counts as absent
            s.step("validate", "if command -v virt-xml-validate >/dev/null 2>&1 && command -v xmllint >/dev/null 2>&1; then grep -v '^ *<poll ' \"$T\" > \"$T.v\""
                    + " && virt-xml-validate \"$T.v\" domain; else echo 'virt-xml-validate: absent'; fi");
            if (!backup.isEmpty()) {
                s.step("backup", backupCommand(backup));
            }
            s.step("define", "virsh -c \"$U\" define --file \"$T\"");
            s.section("readback", "virsh -c \"$U\" dumpxml --inactive --domain \"$N\"");
            s.section("version", "virsh -c \"$U\" version --daemon");
            ExecResult r = ctx.remote().exec(s.command(), xml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Duration.ofSeconds(120));
            Map<String, Section> out = s.parse(r.stdout());
            Section validate = out.get("validate");
            if (validate == null) {
                throw new Refusal("the define script did not run (rc " + r.rc() + ", " + r.stderr().strip()
                        + "); check that mktemp and /tmp work on the host");
            }
            if (!validate.ok()) {
                throw new Refusal("virt-xml-validate rejects the rendered definition of '" + name + "' (nothing was changed): "
                        + validate.text().strip() + "; fix the template");
            }
            data.put("validation", validate.text().contains("absent") ? "skipped: virt-xml-validate absent" : "virt-xml-validate: ok");
            Section failed = firstFailed(out, "backup", "define");
            if (failed != null) {
                throw new Refusal("virsh define of '" + name + "' failed at " + failed.name() + ": " + failed.text().strip()
                        + (failed.name().equals("define") ? "; the previous definition is unchanged: fix the template" : ""));
            }
            String libvirt = Sections.okText(out, "version").flatMap(Version::libvirt).map(v -> "libvirt " + v)
                    .orElse("libvirt");
            Element after = Xml.parse(Sections.okText(out, "readback").orElse("<missing/>")).getDocumentElement();
            List<Mismatch> lost = DomainCompare.compare(desired, after);
            List<Mismatch> dropped = lost.stream().filter(m -> m.kind() != Kind.POLL).toList();
            if (!dropped.isEmpty()) {
                throw new Refusal(libvirt + " did not keep " + String.join(", ", dropped.stream()
                        .map(m -> m.xmlPath() + (m.attribute() == null || m.actual().equals(DomainCompare.ABSENT) ? ""
                                : " (it has '" + m.actual() + "')")).toList())
                        + " when defining '" + name + "' (the new definition IS in place"
                        + (backup.isEmpty() ? "" : ", the previous one is saved in " + backup)
                        + "): fix the template (a misspelt element or attribute, or a setting this libvirt lacks)");
            }
            lost.stream().filter(m -> m.kind() == Kind.POLL).findFirst().ifPresent(m ->
                    notes.add(libvirt + " dropped " + m.xmlPath() + " from the definition: polling is applied live instead"));
            return after;
        }

        /** Shutdown, start, live pins, polling and autostart in one exec, followed by a fresh read. */
        private DomainState runtime(boolean stop, boolean start, List<Pin> pins, List<Poll> polls, Boolean autostart,
                                    boolean autostartChange) throws Refusal, HostUnreachableException, InterruptedException {
            long timeout = ctx.args().integer("shutdown_timeout").orElse(60L);
            Sections s = Sections.script().raw(prelude);
            if (stop || (start && st.active())) {
                s.step("shutdown", "virsh -c \"$U\" shutdown --domain \"$N\" >/dev/null 2>&1; i=0; s=$(virsh -c \"$U\" domstate"
                        + " --domain \"$N\" 2>/dev/null); while [ \"$s\" != 'shut off' ] && [ $i -lt " + timeout + " ]; do sleep 1;"
                        + " i=$((i+1)); s=$(virsh -c \"$U\" domstate --domain \"$N\" 2>/dev/null); done;"
                        + " if [ \"$s\" = 'shut off' ]; then echo \"shut down after $i s\"; else virsh -c \"$U\" destroy --domain"
                        + " \"$N\" && echo \"destroyed after " + timeout + " s without a clean shutdown\"; fi");
            }
            if (start) {
                s.step("start", "virsh -c \"$U\" start --domain \"$N\"");
            }
            int i = 0;
            for (Pin p : pins) {
                String cmd = switch (p.kind()) {
                    case "vcpu" -> "vcpupin --domain \"$N\" --vcpu " + Shell.quote(p.id()) + " --cpulist " + Shell.quote(p.cpuset());
                    case "iothread" -> "iothreadpin --domain \"$N\" --iothread " + Shell.quote(p.id()) + " --cpulist "
                            + Shell.quote(p.cpuset());
                    default -> "emulatorpin --domain \"$N\" --cpulist " + Shell.quote(p.cpuset());
                };
                s.step("pin-" + i++, "virsh -c \"$U\" " + cmd + " --live --config");
            }
            i = 0;
            for (Poll p : polls) {
                StringBuilder cmd = new StringBuilder("virsh -c \"$U\" iothreadset --domain \"$N\" --id " + Shell.quote(p.id()));
                if (p.max() >= 0) {
                    cmd.append(" --poll-max-ns ").append(p.max());
                }
                if (p.grow() >= 0) {
                    cmd.append(" --poll-grow ").append(p.grow());
                }
                if (p.shrink() >= 0) {
                    cmd.append(" --poll-shrink ").append(p.shrink());
                }
                s.step("poll-" + i++, cmd + " --live");
            }
            if (autostartChange) {
                s.step("autostart", "virsh -c \"$U\" autostart" + (autostart ? "" : " --disable") + " --domain \"$N\"");
            }
            DomainState.appendRead(s, !Tuning.polls(desired).isEmpty());
            ExecResult r = ctx.remote().exec(s.command(), null, Duration.ofSeconds(timeout + 120));
            Map<String, Section> out = s.parse(r.stdout());
            Section failed = firstFailed(out, "shutdown", "start", "autostart");
            if (failed != null) {
                throw new Refusal("'" + failed.name() + "' of domain '" + name + "' failed: " + failed.text().strip()
                        + (failed.name().equals("start") ? "; check /var/log/libvirt/qemu/" + name + ".log on the host" : "")
                        + (changes.isEmpty() ? "" : " (planned: " + String.join("; ", changes) + ")"));
            }
            return DomainState.parse(out);
        }

        /** Re-reads what libvirt reports and refuses to claim anything that did not take effect. */
        private void verify(DomainState fin, boolean activeAfter, boolean restarted, Boolean autostart)
                throws Refusal, Xml.XmlException {
            if (activeAfter != fin.active()) {
                throw new Refusal("domain '" + name + "' is " + fin.state() + " after the change, expected "
                        + (activeAfter ? "running" : "shut off") + "; check /var/log/libvirt/qemu/" + name + ".log");
            }
            if (autostart != null && autostart != fin.autostart()) {
                throw new Refusal("autostart of '" + name + "' is still " + fin.autostart() + " after virsh autostart");
            }
            if (!fin.active()) {
                return;
            }
            Element live = Xml.parse(fin.liveXml()).getDocumentElement();
            List<Pin> pinsLeft = Tuning.missing(Tuning.applicableLive(Tuning.pins(desired), live), Tuning.pins(live));
            if (!pinsLeft.isEmpty()) {
                throw new Refusal("the running domain '" + name + "' does not show " + String.join(", ",
                        pinsLeft.stream().map(Pin::describe).toList()) + " after pinning; compare 'virsh vcpupin " + name + "'");
            }
            List<Poll> pollsLeft = Tuning.polls(desired).stream().filter(p -> !p.heldBy(fin.iothreadStats())).toList();
            if (!pollsLeft.isEmpty()) {
                throw new Refusal("virsh domstats --iothread does not show " + String.join(", ",
                        pollsLeft.stream().map(Poll::describe).toList()) + " on '" + name + "' after iothreadset; stats: "
                        + fin.iothreadStats());
            }
            if (restarted) {
                List<Mismatch> still = DomainCompare.compare(desired, live).stream().filter(m -> m.kind() == Kind.OTHER).toList();
                if (!still.isEmpty()) {
                    throw new Refusal("after the restart the running domain '" + name + "' still differs: " + describe(still));
                }
            }
            data.put("domain_id", fin.id());
        }
    }
}
