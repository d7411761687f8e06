package io.ringmaster.builtin.files;

import io.ringmaster.module.api.Diffs;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.module.api.Shell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code file}: a path is a file (attributes only), a directory, a symbolic or hard link,
 * touched, or absent. Read in one exec; the plan is a list of shell commands (empty when the path
 * is already right), run in a second exec; check mode stops after the plan.
 */
public final class FileModule implements Module {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public String description() {
        return "Manage a path's state (file, directory, link, hard, touch, absent), mode, owner and group";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required("path", ParamType.STRING, "the path on the host")
                        .withAliases("dest", "name"),
                Param.optional(
                                "state",
                                ParamType.STRING,
                                "file, directory, link, hard, touch or absent; default: the path's current kind, else file")
                        .withChoices("file", "directory", "link", "hard", "touch", "absent"),
                Param.optional("src", ParamType.STRING, "the link target (state=link or hard)"),
                Param.optional("mode", ParamType.MODE, "mode such as '0755' or u=rwx,g=rx"),
                Param.optional("owner", ParamType.STRING, "owner user name"),
                Param.optional("group", ParamType.STRING, "group name"),
                Param.optional(
                                "recurse",
                                ParamType.BOOL,
                                "state=directory: apply owner, group and mode to everything below")
                        .withDefault(false),
                Param.optional(
                                "force",
                                ParamType.BOOL,
                                "state=link: replace a file at path with the link")
                        .withDefault(false),
                Param.optional("follow", ParamType.BOOL, "act on a symbolic link's target")
                        .withDefault(true),
                Param.optional(
                        "modification_time",
                        ParamType.STRING,
                        "state=touch: 'now' (default) or 'preserve'"),
                Param.optional(
                        "access_time",
                        ParamType.STRING,
                        "state=touch: 'now' (default) or 'preserve'"));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> a) {
        Object state = a.get("state");
        if (("link".equals(state) || "hard".equals(state)) && !a.containsKey("src")) {
            return List.of("state=" + state + " needs src (the link target)");
        }
        if (Boolean.TRUE.equals(a.get("recurse"))
                && state != null
                && !"directory".equals(state)
                && !String.valueOf(state).contains("$")) {
            return List.of("recurse applies to state=directory only");
        }
        return List.of();
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String path = ctx.args().requireString("path");
        Attrs attrs = Attrs.of(ctx.args());
        FileProbe.Snapshot snap = FileProbe.read(ctx.remote(), path, false, false, attrs);
        String problem = snap.problem(path);
        if (problem != null) {
            return fail(ctx, problem);
        }
        RemoteFile cur = snap.file();
        String state = ctx.args().string("state").orElse(cur.exists() ? defaultState(cur) : "file");
        if (ctx.args().bool("follow")
                && cur.isLink()
                && !state.equals("link")
                && !state.equals("absent")) {
            cur = FileProbe.read(ctx.remote(), path, false, true, attrs).file();
        }
        FilePlan.Plan plan;
        try {
            plan = FilePlan.plan(ctx, path, state, cur, attrs, snap.parentExists());
        } catch (FilePlan.Refused e) {
            return fail(ctx, e.getMessage());
        }
        if (plan.recurseCheck() != null) {
            plan = FilePlan.recurse(ctx, path, attrs, plan);
        }
        Map<String, Object> data = data(path, state, cur, attrs);
        if (plan.commands().isEmpty()) {
            return new ModuleResult.Ok(path + " is " + state, data);
        }
        var diff =
                ctx.diffMode()
                        ? Diffs.of(
                                path + " (before)",
                                path + " (after)",
                                "path: "
                                        + path
                                        + "\nstate: "
                                        + (cur.exists() ? cur.type() : "absent")
                                        + "\n",
                                "path: " + path + "\nstate: " + state + "\n")
                        : null;
        data.put("changes", plan.changes());
        if (ctx.checkMode()) {
            return new ModuleResult.Changed(
                    "would change " + path + ": " + String.join(", ", plan.changes()), data, diff);
        }
        ExecResult r = ctx.remote().exec("set -e\n" + String.join("\n", plan.commands()));
        if (!r.ok()) {
            return fail(
                    ctx,
                    "could not change "
                            + path
                            + ": "
                            + (r.stderr() + r.stdout()).strip()
                            + "; check permissions (become) and that owner/group exist");
        }
        return new ModuleResult.Changed(
                "changed " + path + ": " + String.join(", ", plan.changes()), data, diff);
    }

    private static String defaultState(RemoteFile cur) {
        return cur.isDirectory() ? "directory" : cur.isLink() ? "link" : "file";
    }

    private static Map<String, Object> data(
            String path, String state, RemoteFile cur, Attrs attrs) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", path);
        data.put("state", state);
        if (!state.equals("absent")) {
            int base = cur.exists() ? cur.mode() : state.equals("directory") ? 0755 : 0644;
            if (attrs.mode() != null || cur.exists()) {
                data.put(
                        "mode",
                        Modes.ansible(
                                attrs.mode() == null
                                        ? base
                                        : Modes.target(
                                                attrs.mode(), base, state.equals("directory"))));
            }
            data.put("owner", attrs.owner() != null ? attrs.owner() : cur.owner());
            data.put("group", attrs.group() != null ? attrs.group() : cur.group());
        }
        return data;
    }

    static String q(String s) {
        return Shell.quote(s);
    }

    private static ModuleResult fail(ModuleContext ctx, String msg) {
        return new ModuleResult.Failed("file on " + ctx.host() + ": " + msg, Map.of());
    }

    static List<String> list() {
        return new ArrayList<>();
    }
}
