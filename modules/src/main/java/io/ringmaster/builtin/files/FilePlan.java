package io.ringmaster.builtin.files;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.ModuleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code file} module's plan: the shell commands that bring a path to the wanted state, and
 * why.
 */
final class FilePlan {

    /**
     * {@code recurseCheck} is true when only a look below a directory can tell whether recurse
     * changes anything.
     */
    record Plan(List<String> commands, List<String> changes, Boolean recurseCheck) {}

    /** The wanted state cannot be reached safely; the message says why and what to do. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String msg) {
            super(msg);
        }
    }

    private FilePlan() {}

    static Plan plan(
            ModuleContext ctx,
            String path,
            String state,
            RemoteFile cur,
            Attrs attrs,
            boolean parent)
            throws Refused, HostUnreachableException, InterruptedException {
        String p = FileModule.q(path);
        if (!state.equals("absent") && !cur.exists() && !parent && !state.equals("directory")) {
            throw new Refused(
                    "directory of " + path + " does not exist; create it first (state=directory)");
        }
        return switch (state) {
            case "absent" ->
                    cur.exists()
                            ? plan(List.of("rm -rf -- " + p), List.of("remove " + cur.type()))
                            : plan(List.of(), List.of());
            case "directory" -> directory(ctx, path, cur, attrs);
            case "file" -> file(path, cur, attrs);
            case "touch" -> touch(ctx, path, cur, attrs);
            case "link" -> link(ctx, path, cur, attrs);
            case "hard" -> hard(ctx, path, cur);
            default -> throw new Refused("unknown state " + state);
        };
    }

    private static Plan directory(ModuleContext ctx, String path, RemoteFile cur, Attrs attrs)
            throws Refused {
        boolean recurse = ctx.args().bool("recurse");
        if (!cur.exists()) {
            List<String> cmds = new ArrayList<>(List.of("mkdir -p -- " + FileModule.q(path)));
            cmds.addAll(
                    attrs.fix(path, fresh(path, "directory", 0755), true, recurse ? "-R " : ""));
            return plan(cmds, List.of("create directory"));
        }
        if (!cur.isDirectory()) {
            throw new Refused(
                    path
                            + " exists and is a "
                            + cur.type()
                            + ", not a directory; remove it first"
                            + " (state=absent) if a directory belongs there");
        }
        Plan p = plan(attrs.fix(path, cur, false, ""), attrs.changes(cur));
        boolean any = attrs.mode() != null || attrs.owner() != null || attrs.group() != null;
        return recurse && any ? new Plan(p.commands(), p.changes(), true) : p;
    }

    private static Plan file(String path, RemoteFile cur, Attrs attrs) throws Refused {
        if (!cur.exists()) {
            throw new Refused(
                    "file ("
                            + path
                            + ") is absent, cannot continue; use state=touch to create an empty"
                            + " file, or copy/template to write one");
        }
        if (cur.isDirectory()) {
            throw new Refused(path + " is a directory, not a file; use state=directory");
        }
        return plan(attrs.fix(path, cur, false, ""), attrs.changes(cur));
    }

    private static Plan touch(ModuleContext ctx, String path, RemoteFile cur, Attrs attrs) {
        boolean keepM = "preserve".equals(ctx.args().string("modification_time").orElse("now"));
        boolean keepA = "preserve".equals(ctx.args().string("access_time").orElse("now"));
        if (!cur.exists()) {
            List<String> cmds = new ArrayList<>(List.of("touch -- " + FileModule.q(path)));
            cmds.addAll(attrs.fix(path, fresh(path, "file", 0644), true, ""));
            return plan(cmds, List.of("create file"));
        }
        List<String> cmds = new ArrayList<>();
        List<String> changes = new ArrayList<>(attrs.changes(cur));
        if (!(keepM && keepA)) {
            cmds.add("touch " + (keepM ? "-a " : keepA ? "-m " : "") + "-- " + FileModule.q(path));
            changes.add("touch");
        }
        cmds.addAll(attrs.fix(path, cur, false, ""));
        return plan(cmds, changes);
    }

    private static Plan link(ModuleContext ctx, String path, RemoteFile cur, Attrs attrs)
            throws Refused {
        String src = ctx.args().requireString("src");
        if (cur.isLink() && cur.linkTarget().equals(src)) {
            return plan(List.of(), List.of());
        }
        if (cur.isDirectory()) {
            throw new Refused(
                    path + " is a directory; refusing to replace it with a link (remove it first)");
        }
        if (cur.exists() && !cur.isLink() && !ctx.args().bool("force")) {
            throw new Refused(
                    path
                            + " exists and is a "
                            + cur.type()
                            + "; give force: true to replace it with a link");
        }
        List<String> cmds =
                new ArrayList<>(
                        List.of("ln -sfn -- " + FileModule.q(src) + " " + FileModule.q(path)));
        if (attrs.owner() != null || attrs.group() != null) {
            String who =
                    (attrs.owner() == null ? "" : attrs.owner())
                            + (attrs.group() == null ? "" : ":" + attrs.group());
            cmds.add("chown -h -- " + FileModule.q(who) + " " + FileModule.q(path));
        }
        return plan(
                cmds,
                List.of(
                        "link -> "
                                + src
                                + (cur.isLink() ? " (was -> " + cur.linkTarget() + ")" : "")));
    }

    private static Plan hard(ModuleContext ctx, String path, RemoteFile cur)
            throws Refused, HostUnreachableException, InterruptedException {
        String src = ctx.args().requireString("src");
        if (cur.isDirectory()) {
            throw new Refused(path + " is a directory; a hard link cannot replace it");
        }
        ExecResult same =
                ctx.remote().exec("test " + FileModule.q(src) + " -ef " + FileModule.q(path));
        if (same.ok()) {
            return plan(List.of(), List.of());
        }
        if (cur.exists() && !ctx.args().bool("force")) {
            throw new Refused(
                    path
                            + " exists and is not a hard link to "
                            + src
                            + "; give force: true to replace it");
        }
        return plan(
                List.of("ln -f -- " + FileModule.q(src) + " " + FileModule.q(path)),
                List.of("hard link to " + src));
    }

    /** After an unchanged top directory: does anything below differ from owner, group or mode? */
    static Plan recurse(ModuleContext ctx, String path, Attrs attrs, Plan top)
            throws HostUnreachableException, InterruptedException {
        List<String> tests = new ArrayList<>();
        if (attrs.owner() != null) {
            tests.add("! -user " + FileModule.q(attrs.owner()));
        }
        if (attrs.group() != null) {
            tests.add("! -group " + FileModule.q(attrs.group()));
        }
        if (attrs.mode() != null) {
            tests.add("! -perm " + FileModule.q(attrs.mode().replaceFirst("^0(?=[0-7]{4})", "")));
        }
        ExecResult r =
                ctx.remote()
                        .exec(
                                "find "
                                        + FileModule.q(path)
                                        + " \\( "
                                        + String.join(" -o ", tests)
                                        + " \\) -print | head -n 1");
        if (r.stdout().isBlank()) {
            return new Plan(top.commands(), top.changes(), null);
        }
        List<String> cmds = new ArrayList<>(top.commands());
        cmds.addAll(attrs.fix(path, fresh(path, "directory", 0), true, "-R "));
        return new Plan(cmds, List.of("recurse (" + r.stdout().strip() + " differed)"), null);
    }

    private static RemoteFile fresh(String path, String type, int mode) {
        return new RemoteFile(path, type, mode, "", "", 0, new byte[0], "");
    }

    private static Plan plan(List<String> commands, List<String> changes) {
        return new Plan(List.copyOf(commands), List.copyOf(changes), null);
    }
}
