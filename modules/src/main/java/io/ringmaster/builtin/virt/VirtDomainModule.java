package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.builtin.support.Xml;
import io.ringmaster.builtin.virt.DomainCompare.Mismatch;
import io.ringmaster.module.api.Diff;
import io.ringmaster.module.api.Diffs;
import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.module.api.ReadAhead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * {@code virt_domain}: a libvirt domain defined from a template (or inline XML) so that the desired
 * XML HOLDS in its persistent definition; pinning and IOThread polling applied live on a running
 * domain; state and autostart managed. A no-change run costs one exec per host.
 */
public final class VirtDomainModule implements Module {

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
                Param.required(
                        "name", ParamType.STRING, "domain name; must equal the rendered <name>"),
                Param.optional(
                        "template",
                        ParamType.STRING,
                        "domain XML template (Velocity), found under templates/"),
                Param.optional(
                        "xml",
                        ParamType.TEMPLATE,
                        "inline domain XML (Velocity), instead of template"),
                Param.optional(
                        "vars",
                        ParamType.MAP,
                        "variables for the template (it also sees the host's variables)"),
                Param.optional("state", ParamType.STRING, "desired state")
                        .withDefault("defined")
                        .withChoices("defined", "running", "shutoff", "undefined"),
                Param.optional(
                        "autostart",
                        ParamType.BOOL,
                        "start the domain with libvirtd; unset leaves it alone"),
                Param.optional("uri", ParamType.STRING, "libvirt connection URI")
                        .withDefault("qemu:///system"),
                Param.optional(
                                "restart",
                                ParamType.STRING,
                                "restart a running domain whose changes need it")
                        .withDefault("never")
                        .withChoices("never", "if_needed"),
                Param.optional(
                                "shutdown_timeout",
                                ParamType.INT,
                                "seconds to wait for a clean shutdown before destroy")
                        .withDefault(60),
                Param.optional(
                                "lock_timeout",
                                ParamType.INT,
                                "seconds to wait for another run's lock on the domain")
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
            problems.add(
                    "give template (a domain XML template under templates/) or xml (inline domain XML)");
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

    /** The task's libvirt URI. */
    private static String uri(ModuleContext ctx) {
        return ctx.args().string("uri").orElse("qemu:///system");
    }

    /** Why a domain name is refused, or null when it is acceptable. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "name is empty; give the domain's name";
        }
        if (name.indexOf('/') >= 0) {
            return "domain name '"
                    + name
                    + "' contains '/', which libvirt does not allow; choose another name";
        }
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                return "domain name contains a control character (code "
                        + (int) c
                        + "); choose a printable name";
            }
        }
        return null;
    }

    /**
     * The read (state, definitions, the desired one canonicalised) as a read-ahead for setup's
     * virsh process, when the name and the rendered definition are known before facts are gathered;
     * nothing for state=undefined or anything the task itself would refuse.
     */
    @Override
    public Optional<ReadAhead> readAhead(ModuleContext ctx) {
        String name = ctx.args().string("name").orElse("");
        if (nameProblem(name) != null
                || "undefined".equals(ctx.args().string("state").orElse("defined"))) {
            return Optional.empty();
        }
        String uri = uri(ctx);
        try {
            Element desired = render(ctx, name);
            return Optional.of(
                    DomainRead.ahead(
                            uri,
                            name,
                            desired,
                            DomainRead.forTestDriver(desired),
                            Sections.script().marker()));
        } catch (Refusal | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String name = ctx.args().requireString("name");
        String problem = nameProblem(name);
        if (problem != null) {
            return fail(ctx, problem);
        }
        String uri = uri(ctx);
        String prelude = Virsh.prelude(uri, name);
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
        DomainRead read = DomainRead.run(ctx, uri, prelude, name, desired);
        if (!read.state().error().isEmpty()) {
            return fail(
                    ctx,
                    "cannot read domain '"
                            + name
                            + "' through "
                            + uri
                            + ": "
                            + read.state().error()
                            + "; check that libvirtd runs and the URI is right (preflight checks this)");
        }
        try {
            return apply(ctx, name, prelude, want, read);
        } catch (Xml.XmlException e) {
            return fail(
                    ctx,
                    "libvirt returned XML that cannot be parsed for domain '"
                            + name
                            + "': "
                            + e.getMessage());
        }
    }

    private static ModuleResult apply(
            ModuleContext ctx, String name, String prelude, String want, DomainRead read)
            throws Xml.XmlException, HostUnreachableException, InterruptedException {
        DomainState st = read.state();
        Element current = st.exists() ? Xml.parse(st.inactiveXml()).getDocumentElement() : null;
        Element last = LastApplied.read(current);
        DomainPlan plan =
                DomainPlan.of(
                        read.desired(),
                        st,
                        last,
                        new DomainPlan.Args(
                                want,
                                "if_needed".equals(ctx.args().string("restart").orElse("never")),
                                ctx.args().has("autostart") ? ctx.args().bool("autostart") : null));
        List<String> notes = new ArrayList<>(plan.notes());
        if (!read.earlierRestart().isEmpty()) {
            notes.add(
                    "an earlier run's restart finished on the host: "
                            + read.earlierRestart().replace('\n', ' '));
        }
        if (!read.desired().note().isEmpty()) {
            notes.add(read.desired().note());
        }
        Map<String, Object> data = data(st, plan, last != null);
        if (plan.nothingToDo()) {
            return new ModuleResult.Ok(
                    join("domain '" + name + "' matches the desired definition", notes), data);
        }
        if (ctx.checkMode()) {
            Diff diff =
                    plan.define() && ctx.diffMode()
                            ? Diffs.of(
                                    name + " (current definition)",
                                    name + " (predicted definition)",
                                    Definition.display(Secrets.redacted(current)),
                                    Definition.display(
                                            Secrets.redacted(
                                                    Definition.predicted(
                                                            read.desired().canonical(), current))))
                            : null;
            return new ModuleResult.Changed(
                    join("would: " + String.join("; ", plan.changes()), notes), data, diff);
        }
        DomainApply.Result result = new DomainApply.Result(data, notes);
        try {
            new DomainApply(ctx, name, prelude, read, plan, last, result).run();
        } catch (DomainApply.Failure f) {
            data.put("changed", f.changed);
            return new ModuleResult.Failed(
                    "virt_domain on " + ctx.host() + ": " + f.getMessage(), data);
        }
        return new ModuleResult.Changed(
                join(String.join("; ", plan.changes()), notes), data, result.diff);
    }

    private static Map<String, Object> data(DomainState st, DomainPlan plan, boolean hasLast) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uuid", st.uuid());
        data.put("state", st.exists() ? st.state() : "undefined");
        data.put("changes", List.copyOf(plan.changes()));
        data.put("restart_required", plan.restartRequired());
        data.put(
                "restart_reasons", plan.restartReasons().stream().map(Mismatch::describe).toList());
        data.put("polling", plan.polling());
        data.put(
                "last_applied",
                hasLast
                        ? "found"
                        : st.exists() ? "none: Ringmaster never defined this domain" : "new");
        data.put("warnings", plan.warnings());
        return data;
    }

    private static String join(String head, List<String> notes) {
        return notes.isEmpty() ? head : head + "; " + String.join("; ", notes);
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
                text =
                        ctx.expr()
                                .renderText(
                                        "virt_domain.xml.vm",
                                        ctx.args().requireString("xml"),
                                        vars);
            }
        } catch (ExpressionException e) {
            throw new Refusal("cannot render the domain XML: " + e.getMessage());
        }
        Element root;
        try {
            root = Xml.parse(text).getDocumentElement();
        } catch (Xml.XmlException e) {
            throw new Refusal(
                    "the rendered "
                            + source
                            + " is not well-formed XML ("
                            + e.getMessage()
                            + "); fix the template, and check that values are XML-escaped");
        }
        if (!"domain".equals(root.getTagName())) {
            throw new Refusal(
                    "the rendered "
                            + source
                            + " has root <"
                            + root.getTagName()
                            + ">, not <domain>; fix the template");
        }
        Element nameEl = Xml.child(root, "name");
        String rendered = nameEl == null ? "" : Xml.text(nameEl);
        if (!name.equals(rendered)) {
            throw new Refusal(
                    "the rendered "
                            + source
                            + " names the domain '"
                            + rendered
                            + "' but the task's name is '"
                            + name
                            + "'; make <name> in the template use the same value as the task's name");
        }
        if (!Xml.children(nameEl).isEmpty()) {
            throw new Refusal(
                    "the rendered <name> of "
                            + source
                            + " contains markup; escape the name in the template");
        }
        return root;
    }

    private static ModuleResult undefine(ModuleContext ctx, String name, String prelude)
            throws HostUnreachableException, InterruptedException {
        DomainState st = DomainRead.run(ctx, uri(ctx), prelude, name, null).state();
        if (!st.error().isEmpty()) {
            return fail(
                    ctx,
                    "cannot read domain '"
                            + name
                            + "': "
                            + st.error()
                            + "; check that libvirtd runs");
        }
        if (!st.exists()) {
            return new ModuleResult.Ok(
                    "domain '" + name + "' is not defined",
                    Map.of(
                            "state",
                            "undefined",
                            "changes",
                            List.of(),
                            "restart_required",
                            false,
                            "uuid",
                            ""));
        }
        List<String> changes = new ArrayList<>();
        if (st.active()) {
            changes.add("destroy (was " + st.state() + ")");
        }
        String backup = DomainApply.backupPath(name);
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
        return undefineNow(ctx, name, prelude, st, data, changes);
    }

    /**
     * Lock, check the definition is the one read, back up, destroy, undefine and read again: one
     * exec.
     */
    private static ModuleResult undefineNow(
            ModuleContext ctx,
            String name,
            String prelude,
            DomainState st,
            Map<String, Object> data,
            List<String> changes)
            throws HostUnreachableException, InterruptedException {
        Sections s = Sections.script().raw(prelude);
        Virsh.lock(
                s,
                (int) Math.max(0, ctx.args().integer("lock_timeout").orElse(60L)),
                DomainApply.owner(ctx),
                DomainApply.sha(st.inactiveXml()),
                false);
        s.step("backup", DomainApply.backupCommand(String.valueOf(data.get("backup"))));
        if (st.active()) {
            s.step("destroy", Virsh.destroy());
        }
        s.step("undefine", Virsh.undefine(st.inactiveXml().contains("<nvram"), st.managedSave()));
        Virsh.appendRead(s, name, false, false);
        Map<String, Section> out =
                s.parse(ctx.remote().exec(s.command(), null, Duration.ofSeconds(180)).stdout());
        Section failed = firstFailed(out, "lock", "unchanged", "backup", "destroy", "undefine");
        if (failed != null) {
            return new ModuleResult.Failed(
                    "virt_domain on "
                            + ctx.host()
                            + ": undefining '"
                            + name
                            + "' failed at "
                            + failed.name()
                            + ": "
                            + failed.text().strip()
                            + (failed.name().matches("lock|unchanged")
                                    ? "; nothing was changed: another run holds or changed the domain, re-run when it is done"
                                    : "; see libvirtd's log on the host"),
                    Map.of("changed", failed.name().matches("destroy|undefine")));
        }
        if (DomainState.parse(Virsh.checked(out)).exists()) {
            return fail(
                    ctx,
                    "domain '"
                            + name
                            + "' is still defined after virsh undefine; check it with 'virsh dominfo'");
        }
        data.put("state", "undefined");
        return new ModuleResult.Changed(String.join("; ", changes), data, null);
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
}
