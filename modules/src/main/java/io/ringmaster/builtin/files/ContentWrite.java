package io.ringmaster.builtin.files;

import io.ringmaster.builtin.support.Backups;
import io.ringmaster.module.api.Diff;
import io.ringmaster.module.api.Diffs;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostLock;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Shell;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes whole-file content to the host, read-plan-apply: one exec reads the current file (content,
 * mode, owner, group, directory, users); nothing else runs when it is already right; otherwise an
 * optional backup, an atomic upload and a chown/chmod. Shared by {@code template}, {@code copy} and
 * {@code lineinfile}.
 */
public final class ContentWrite {
    /** What to write: {@code before} is the probe already made (or null to make one now). */
    public record Request(
            String module,
            String dest,
            byte[] content,
            Attrs attrs,
            boolean backup,
            FileProbe.Snapshot before) {}

    private ContentWrite() {}

    /** How long a write waits for another run's lock on the same destination. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    public static ModuleResult write(ModuleContext ctx, Request req)
            throws HostUnreachableException, InterruptedException {
        return write(ctx, req, false);
    }

    private static ModuleResult write(ModuleContext ctx, Request req, boolean locked)
            throws HostUnreachableException, InterruptedException {
        String dest = req.dest();
        FileProbe.Snapshot snap =
                req.before() != null
                        ? req.before()
                        : FileProbe.read(ctx.remote(), dest, true, true, req.attrs());
        String parent = dest.substring(0, Math.max(1, dest.lastIndexOf('/')));
        if (!snap.file().exists() && !snap.parentExists() && snap.ok()) {
            return fail(
                    ctx,
                    req,
                    "directory "
                            + parent
                            + " does not exist; create it first (nothing was written)");
        }
        String problem = snap.problem(dest);
        if (problem != null) {
            return fail(ctx, req, problem.replace("nothing was changed", "nothing was written"));
        }
        RemoteFile cur = snap.file();
        if (cur.isDirectory()) {
            return fail(ctx, req, "dest " + dest + " is a directory; give a file path");
        }
        boolean contentChange = !cur.exists() || !Arrays.equals(cur.content(), req.content());
        List<String> changes = new ArrayList<>();
        if (!cur.exists()) {
            changes.add("create " + dest);
        } else {
            if (contentChange) {
                changes.add("content");
            }
            changes.addAll(req.attrs().changes(cur));
        }
        Map<String, Object> data = data(req, cur);
        data.put("changes", List.copyOf(changes));
        if (changes.isEmpty()) {
            return new ModuleResult.Ok(dest + " is up to date", data);
        }
        Diff diff = ctx.diffMode() && contentChange ? diff(dest, cur, req.content()) : null;
        if (ctx.checkMode()) {
            return new ModuleResult.Changed(
                    "would change " + dest + ": " + String.join(", ", changes), data, diff);
        }
        return locked
                ? apply(ctx, req, cur, contentChange, data, diff, changes)
                : underLock(ctx, req, cur);
    }

    /**
     * The write again, under the destination's lock (the one template takes), on the file read
     * under it, so that two runs never interleave their writes. Content computed from the file
     * (lineinfile, sysctl) is written only if the file is still what it was computed from.
     */
    @SuppressWarnings("try") // the lock is held by the try, never read
    private static ModuleResult underLock(ModuleContext ctx, Request req, RemoteFile planned)
            throws HostUnreachableException, InterruptedException {
        try (HostLock lock = ctx.remote().lock(TemplateModule.lockPath(req.dest()), LOCK_WAIT)) {
            FileProbe.Snapshot now =
                    FileProbe.read(ctx.remote(), req.dest(), true, true, req.attrs());
            if (req.before() != null
                    && now.ok()
                    && (now.file().exists() != planned.exists()
                            || !Arrays.equals(now.file().content(), planned.content()))) {
                return fail(
                        ctx,
                        req,
                        req.dest()
                                + " changed while this task was computing its edit (another run?); "
                                + "nothing was written; run the task again");
            }
            return write(
                    ctx,
                    new Request(
                            req.module(),
                            req.dest(),
                            req.content(),
                            req.attrs(),
                            req.backup(),
                            now),
                    true);
        } catch (HostLock.Busy | IllegalStateException e) {
            return fail(ctx, req, e.getMessage() + " (nothing was written)");
        }
    }

    private static ModuleResult apply(
            ModuleContext ctx,
            Request req,
            RemoteFile cur,
            boolean contentChange,
            Map<String, Object> data,
            Diff diff,
            List<String> changes)
            throws HostUnreachableException, InterruptedException {
        String dest = req.dest();
        if (contentChange && cur.exists() && req.backup()) {
            String backup = Backups.beside(dest);
            ExecResult b =
                    ctx.remote().exec("cp -p -- " + Shell.quote(dest) + " " + Shell.quote(backup));
            if (!b.ok()) {
                return fail(
                        ctx,
                        req,
                        "cannot back up "
                                + dest
                                + " to "
                                + backup
                                + ": "
                                + b.stderr().strip()
                                + "; nothing was changed");
            }
            data.put("backup_file", backup);
        }
        if (contentChange) {
            String keep = cur.exists() ? "0" + Modes.octal(cur.mode()) : null;
            String mode =
                    req.attrs().mode() != null
                            ? "0"
                                    + Modes.octal(
                                            Modes.target(
                                                    req.attrs().mode(),
                                                    cur.exists() ? cur.mode() : 0644,
                                                    false))
                            : keep;
            ctx.remote().upload(req.content(), dest, mode);
        }
        RemoteFile base = cur.exists() ? cur : RemoteFile.absent(dest);
        List<String> fix = req.attrs().fix(dest, base, contentChange, "");
        if (!fix.isEmpty()) {
            ExecResult f = ctx.remote().exec(String.join(" && ", fix));
            if (!f.ok()) {
                return fail(
                        ctx,
                        req,
                        "wrote "
                                + dest
                                + " but could not set owner/group/mode: "
                                + f.stderr().strip()
                                + "; check that the user/group exist and that the task has become");
            }
        }
        return new ModuleResult.Changed(
                "changed " + dest + ": " + String.join(", ", changes), data, diff);
    }

    private static Map<String, Object> data(Request req, RemoteFile cur) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dest", req.dest());
        data.put("checksum", sha1(req.content()));
        data.put("size", (long) req.content().length);
        if (req.attrs().mode() != null) {
            data.put(
                    "mode",
                    Modes.ansible(
                            Modes.target(
                                    req.attrs().mode(), cur.exists() ? cur.mode() : 0644, false)));
        } else if (cur.exists()) {
            data.put("mode", Modes.ansible(cur.mode()));
        }
        return data;
    }

    static Diff diff(String dest, RemoteFile cur, byte[] want) {
        return Diffs.of(
                dest + (cur.exists() ? " (before)" : " (absent)"),
                dest + " (after)",
                new String(cur.content(), StandardCharsets.UTF_8),
                new String(want, StandardCharsets.UTF_8));
    }

    public static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModuleResult fail(ModuleContext ctx, Request req, String msg) {
        return new ModuleResult.Failed(req.module() + " on " + ctx.host() + ": " + msg, Map.of());
    }
}
