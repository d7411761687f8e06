package io.ringmaster.builtin.files;

import io.ringmaster.builtin.support.Backups;
import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.module.api.Diff;
import io.ringmaster.module.api.Diffs;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.module.api.HostLock;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.module.api.Shell;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code template}: renders a Velocity template on the control machine and writes it to the host
 * when its content, mode, owner or group differ. The current state is read in one exec; an
 * unchanged file costs nothing else. A change is made under a lock on the destination ({@code
 * .NAME.ringmaster.lock} beside it): the state is read again under it, so two runs writing the same
 * file wait for each other instead of racing. An existing file keeps its owner and group unless
 * {@code owner}/{@code group} are given.
 */
public final class TemplateModule implements Module {

    @Override
    public String name() {
        return "template";
    }

    @Override
    public String description() {
        return "Render a Velocity template and write it to the host when it differs (mode, owner, group, backup)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required(
                        "src",
                        ParamType.STRING,
                        "template beside the playbook, in templates/, or the project's templates/"),
                Param.required("dest", ParamType.STRING, "absolute path of the file on the host"),
                Param.optional("mode", ParamType.MODE, "octal mode such as '0644'"),
                Param.optional("owner", ParamType.STRING, "owner user name"),
                Param.optional("group", ParamType.STRING, "group name"),
                Param.optional(
                                "backup",
                                ParamType.BOOL,
                                "keep the previous file as DEST.<timestamp>.bak")
                        .withDefault(false),
                Param.optional(
                                "lock_timeout",
                                ParamType.INT,
                                "seconds to wait for another run writing the same dest")
                        .withDefault(60));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> literalArgs) {
        List<String> problems = new ArrayList<>();
        Object mode = literalArgs.get("mode");
        if (mode != null
                && !String.valueOf(mode).contains("$")
                && !Modes.valid(String.valueOf(mode))) {
            problems.add(
                    "mode must be octal such as '0644' or symbolic such as 'u=rw,g=r,o=', not '"
                            + mode
                            + "'");
        }
        Object dest = literalArgs.get("dest");
        if (dest != null
                && !String.valueOf(dest).contains("$")
                && !String.valueOf(dest).startsWith("/")) {
            problems.add("dest must be an absolute path, not '" + dest + "'");
        }
        return problems;
    }

    /**
     * The file on the host: {@code exists == false} when missing; mode in octal without leading
     * zeros.
     */
    record RemoteFile(boolean exists, byte[] content, String mode, String owner, String group) {}

    /** What the task wants on the host. */
    private record Want(
            String dest, String rendered, byte[] content, String mode, String owner, String group) {
        /**
         * The mode (octal, or symbolic as chmod takes it) resolved against the file as it is now,
         * as stat prints it.
         */
        Want forFile(RemoteFile cur) {
            if (mode == null) {
                return this;
            }
            int base =
                    cur.exists() && cur.mode().matches("[0-7]+")
                            ? Integer.parseInt(cur.mode(), 8)
                            : 0644;
            return new Want(
                    dest,
                    rendered,
                    content,
                    Modes.octal(Modes.target(mode, base, false)),
                    owner,
                    group);
        }
    }

    /** The read step's outcome: the file as it is, or the failure to report. */
    private record Read(RemoteFile file, ModuleResult failure) {}

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String src = ctx.args().requireString("src");
        String dest = ctx.args().requireString("dest");
        if (!dest.startsWith("/") || dest.endsWith("/")) {
            return fail(ctx, "dest '" + dest + "' must be an absolute file path");
        }
        String rendered;
        try {
            rendered = ctx.expr().renderTemplate(src, Map.of());
        } catch (ExpressionException e) {
            return fail(ctx, "cannot render " + src + ": " + e.getMessage());
        }
        Want want =
                new Want(
                        dest,
                        rendered,
                        rendered.getBytes(StandardCharsets.UTF_8),
                        ctx.args().string("mode").orElse(null),
                        ctx.args().string("owner").orElse(null),
                        ctx.args().string("group").orElse(null));
        Read first = read(ctx, want, false);
        if (first.failure() != null) {
            return first.failure();
        }
        List<String> changes = changes(want.forFile(first.file()), first.file());
        if (changes.isEmpty() || ctx.checkMode()) {
            return outcome(ctx, want.forFile(first.file()), first.file(), changes, null);
        }
        return writeUnderLock(ctx, want);
    }

    /**
     * Read-compare-write again under the destination's lock, so that two runs never interleave
     * their writes.
     */
    @SuppressWarnings("try") // the lock is held by the try, never read
    private ModuleResult writeUnderLock(ModuleContext ctx, Want want)
            throws HostUnreachableException, InterruptedException {
        Duration wait = Duration.ofSeconds(ctx.args().integer("lock_timeout").orElse(60L));
        try (HostLock lock = ctx.remote().lock(lockPath(want.dest()), wait)) {
            Read cur = read(ctx, want, true);
            if (cur.failure() != null) {
                return cur.failure();
            }
            Want now = want.forFile(cur.file());
            return write(ctx, now, cur.file(), changes(now, cur.file()));
        } catch (HostLock.Busy e) {
            return fail(ctx, e.getMessage() + " (nothing was written)");
        } catch (IllegalStateException e) {
            return fail(ctx, e.getMessage() + " (nothing was written)");
        }
    }

    /** The lock file of a destination: beside it, {@code .NAME.ringmaster.lock}. */
    static String lockPath(String dest) {
        int slash = dest.lastIndexOf('/');
        return dest.substring(0, slash + 1) + "." + dest.substring(slash + 1) + ".ringmaster.lock";
    }

    /** One exec: the file's state and content, and that its directory, owner and group exist. */
    private Read read(ModuleContext ctx, Want want, boolean locked)
            throws HostUnreachableException, InterruptedException {
        String dest = want.dest();
        Sections read = Sections.script().raw("D=" + Shell.quote(dest));
        if (locked) {
            // under the lock no other run is uploading: any temporary file of this destination was
            // left by a run
            // that died, and goes
            read.raw("rm -f -- " + tempGlob(dest) + " 2>/dev/null");
        }
        read.section(
                "stat",
                "if [ -d \"$D\" ]; then echo DIRECTORY; exit 3; fi; stat -c '%a %U %G' -- \"$D\"");
        read.section("content", "base64 < \"$D\"");
        // Checked in the same round trip, so that a missing directory, user or group fails before
        // anything is written.
        read.section("dir", "test -d \"$(dirname -- \"$D\")\"");
        if (want.owner() != null) {
            read.section("owner", "id -u -- " + Shell.quote(want.owner()));
        }
        if (want.group() != null) {
            read.section("group", "getent group -- " + Shell.quote(want.group()));
        }
        ExecResult r =
                ctx.remote()
                        .exec(
                                read.command(),
                                null,
                                ctx.remote().taskTimeout().orElse(Duration.ofSeconds(60)));
        if (r.timedOut()) {
            return new Read(null, fail(ctx, "reading " + dest + " " + r.timeoutMessage()));
        }
        Map<String, Section> sec = read.parse(r.stdout());
        String parent = dest.substring(0, Math.max(1, dest.lastIndexOf('/')));
        if (sec.get("dir") != null && !sec.get("dir").ok()) {
            return new Read(
                    null,
                    fail(
                            ctx,
                            "directory "
                                    + parent
                                    + " does not exist; create it first (nothing was written)"));
        }
        if (want.owner() != null && sec.get("owner") != null && !sec.get("owner").ok()) {
            return new Read(
                    null,
                    fail(
                            ctx,
                            "owner '"
                                    + want.owner()
                                    + "' does not exist on the host (nothing was written)"));
        }
        if (want.group() != null && sec.get("group") != null && !sec.get("group").ok()) {
            return new Read(
                    null,
                    fail(
                            ctx,
                            "group '"
                                    + want.group()
                                    + "' does not exist on the host (nothing was written)"));
        }
        return readFile(ctx, r, sec, dest);
    }

    private static Read readFile(
            ModuleContext ctx, ExecResult r, Map<String, Section> sec, String dest) {
        Section stat = sec.get("stat");
        if (stat == null) {
            return new Read(
                    null,
                    fail(
                            ctx,
                            "cannot read "
                                    + dest
                                    + " (rc "
                                    + r.rc()
                                    + ": "
                                    + r.stderr().strip()
                                    + ")"));
        }
        if (stat.rc() == 3) {
            return new Read(null, fail(ctx, "dest " + dest + " is a directory; give a file path"));
        }
        RemoteFile cur = parse(stat, sec.get("content"));
        if (cur == null) {
            Section why = stat.ok() ? sec.get("content") : stat;
            return new Read(
                    null,
                    fail(
                            ctx,
                            "cannot read "
                                    + dest
                                    + ": "
                                    + (why == null ? "" : why.text().strip())
                                    + "; check permissions (become) on the host"));
        }
        return new Read(cur, null);
    }

    /** What differs between the file on the host and what the task wants. */
    private static List<String> changes(Want want, RemoteFile cur) {
        List<String> changes = new ArrayList<>();
        if (!cur.exists()) {
            changes.add("create " + want.dest());
            return changes;
        }
        if (!java.util.Arrays.equals(cur.content(), want.content())) {
            changes.add("content");
        }
        if (want.mode() != null && !want.mode().equals(cur.mode())) {
            changes.add("mode " + cur.mode() + " -> " + want.mode());
        }
        if (want.owner() != null && !want.owner().equals(cur.owner())) {
            changes.add("owner " + cur.owner() + " -> " + want.owner());
        }
        if (want.group() != null && !want.group().equals(cur.group())) {
            changes.add("group " + cur.group() + " -> " + want.group());
        }
        return changes;
    }

    private static boolean contentChange(Want want, RemoteFile cur) {
        return !cur.exists() || !java.util.Arrays.equals(cur.content(), want.content());
    }

    /**
     * Ok when nothing differs; else the change (predicted in check mode, done when {@code backup}
     * is set).
     */
    private static ModuleResult outcome(
            ModuleContext ctx, Want want, RemoteFile cur, List<String> changes, String backup) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dest", want.dest());
        data.put("checksum", sha1(want.content()));
        data.put("changes", List.copyOf(changes));
        if (changes.isEmpty()) {
            return new ModuleResult.Ok(want.dest() + " is up to date", data);
        }
        if (backup != null) {
            data.put("backup_file", backup);
        }
        Diff diff =
                ctx.diffMode() && contentChange(want, cur)
                        ? Diffs.of(
                                want.dest() + (cur.exists() ? " (before)" : " (absent)"),
                                want.dest() + " (after)",
                                new String(cur.content(), StandardCharsets.UTF_8),
                                want.rendered())
                        : null;
        String verb = ctx.checkMode() ? "would change " : "changed ";
        return new ModuleResult.Changed(
                verb + want.dest() + ": " + String.join(", ", changes), data, diff);
    }

    /**
     * Backup, upload (which keeps an existing file's owner and group), then owner/group/mode when
     * asked.
     */
    private ModuleResult write(ModuleContext ctx, Want want, RemoteFile cur, List<String> changes)
            throws HostUnreachableException, InterruptedException {
        if (changes.isEmpty()) {
            return outcome(ctx, want, cur, changes, null);
        }
        String dest = want.dest();
        boolean content = contentChange(want, cur);
        String backup = null;
        if (content && cur.exists() && ctx.args().bool("backup")) {
            backup = Backups.beside(dest);
            ExecResult b = ctx.remote().exec(backupCommand(dest, backup));
            if (!b.ok()) {
                return fail(
                        ctx,
                        "cannot back up "
                                + dest
                                + " to "
                                + backup
                                + ": "
                                + (b.timedOut() ? b.timeoutMessage() : b.stderr().strip())
                                + "; nothing was changed");
            }
        }
        if (content) {
            ctx.remote()
                    .upload(
                            want.content(),
                            dest,
                            want.mode() != null
                                    ? "0" + want.mode()
                                    : cur.exists() ? "0" + cur.mode() : null);
        }
        List<String> fix = new ArrayList<>();
        if ((want.owner() != null || want.group() != null)
                && (content
                        || changes.stream()
                                .anyMatch(c -> c.startsWith("owner ") || c.startsWith("group ")))) {
            fix.add(
                    "chown -- "
                            + Shell.quote(
                                    (want.owner() == null ? "" : want.owner())
                                            + (want.group() == null ? "" : ":" + want.group()))
                            + " "
                            + Shell.quote(dest));
        }
        if (want.mode() != null
                && (content || changes.stream().anyMatch(c -> c.startsWith("mode ")))) {
            fix.add("chmod -- " + want.mode() + " " + Shell.quote(dest));
        }
        if (!fix.isEmpty()) {
            ExecResult f = ctx.remote().exec(String.join(" && ", fix));
            if (!f.ok()) {
                return fail(
                        ctx,
                        "wrote "
                                + dest
                                + " but could not set owner/group/mode: "
                                + f.stderr().strip()
                                + "; check that the user/group exist and that the task has become");
            }
        }
        return outcome(ctx, want, cur, changes, backup);
    }

    /**
     * {@code cp -p}, removing a partial copy (a full disk leaves a 0-byte or truncated one) when it
     * fails.
     */
    static String backupCommand(String dest, String backup) {
        String b = Shell.quote(backup);
        return "cp -p -- "
                + Shell.quote(dest)
                + " "
                + b
                + " || { rc=$?; rm -f -- "
                + b
                + "; exit $rc; }";
    }

    /**
     * A glob for the upload's temporary files of {@code dest} ({@code .NAME.ringmaster.} and 12 hex
     * digits).
     */
    static String tempGlob(String dest) {
        int slash = dest.lastIndexOf('/');
        return Shell.quote(
                        dest.substring(0, slash + 1)
                                + "."
                                + dest.substring(slash + 1)
                                + ".ringmaster.")
                + "[0-9a-f]".repeat(12);
    }

    static RemoteFile parse(Section stat, Section content) {
        if (!stat.ok()) {
            return stat.text().contains("No such file")
                    ? new RemoteFile(false, new byte[0], "", "", "")
                    : null;
        }
        if (content == null || !content.ok()) {
            return null;
        }
        String[] f = stat.text().trim().split(" ");
        byte[] bytes = Base64.getMimeDecoder().decode(content.text().replaceAll("\\s", ""));
        return new RemoteFile(
                true,
                bytes,
                f.length > 0 ? f[0] : "",
                f.length > 1 ? f[1] : "",
                f.length > 2 ? f[2] : "");
    }

    static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModuleResult fail(ModuleContext ctx, String msg) {
        return new ModuleResult.Failed("template on " + ctx.host() + ": " + msg, Map.of());
    }
}
