package io.ringmaster.modules.files;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code template}: renders a Velocity template on the control machine and writes it to the host when its content,
 * mode, owner or group differ. The current state is read in one exec; an unchanged file costs nothing else.
 */
public final class Template implements Module {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

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
                Param.required("src", ParamType.STRING, "template beside the playbook, in templates/, or the project's templates/"),
                Param.required("dest", ParamType.STRING, "absolute path of the file on the host"),
                Param.optional("mode", ParamType.MODE, "octal mode such as '0644'"),
                Param.optional("owner", ParamType.STRING, "owner user name"),
                Param.optional("group", ParamType.STRING, "group name"),
                Param.optional("backup", ParamType.BOOL, "keep the previous file as DEST.<timestamp>.bak").withDefault(false));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> literalArgs) {
        List<String> problems = new ArrayList<>();
        Object mode = literalArgs.get("mode");
        if (mode != null && !String.valueOf(mode).contains("$") && !String.valueOf(mode).matches("0?[0-7]{3,4}")) {
            problems.add("mode must be octal such as '0644' (symbolic modes are not supported by template), not '" + mode + "'");
        }
        Object dest = literalArgs.get("dest");
        if (dest != null && !String.valueOf(dest).contains("$") && !String.valueOf(dest).startsWith("/")) {
            problems.add("dest must be an absolute path, not '" + dest + "'");
        }
        return problems;
    }

    /** The file on the host: {@code exists == false} when missing; mode in octal without leading zeros. */
    record RemoteFile(boolean exists, byte[] content, String mode, String owner, String group) {
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws HostUnreachableException, InterruptedException {
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
        byte[] want = rendered.getBytes(StandardCharsets.UTF_8);
        String mode = ctx.args().string("mode").map(Template::octal).orElse(null);
        String owner = ctx.args().string("owner").orElse(null);
        String group = ctx.args().string("group").orElse(null);

        Sections read = Sections.script().raw("D=" + Shell.quote(dest));
        read.section("stat", "if [ -d \"$D\" ]; then echo DIRECTORY; exit 3; fi; stat -c '%a %U %G' -- \"$D\"");
        read.section("content", "base64 < \"$D\"");
        // Checked in the same round trip, so that a missing directory, user or group fails before anything is written.
        read.section("dir", "test -d \"$(dirname -- \"$D\")\"");
        if (owner != null) {
            read.section("owner", "id -u -- " + Shell.quote(owner));
        }
        if (group != null) {
            read.section("group", "getent group -- " + Shell.quote(group));
        }
        ExecResult r = ctx.remote().exec(read.command(), null, Duration.ofSeconds(60));
        Map<String, Section> sec = read.parse(r.stdout());
        String parent = dest.contains("/") ? dest.substring(0, Math.max(1, dest.lastIndexOf('/'))) : ".";
        if (sec.get("dir") != null && !sec.get("dir").ok()) {
            return fail(ctx, "directory " + parent + " does not exist; create it first (nothing was written)");
        }
        if (owner != null && sec.get("owner") != null && !sec.get("owner").ok()) {
            return fail(ctx, "owner '" + owner + "' does not exist on the host (nothing was written)");
        }
        if (group != null && sec.get("group") != null && !sec.get("group").ok()) {
            return fail(ctx, "group '" + group + "' does not exist on the host (nothing was written)");
        }
        Section stat = sec.get("stat");
        if (stat == null) {
            return fail(ctx, "cannot read " + dest + " (rc " + r.rc() + ": " + r.stderr().strip() + ")");
        }
        if (stat.rc() == 3) {
            return fail(ctx, "dest " + dest + " is a directory; give a file path");
        }
        RemoteFile cur = parse(stat, sec.get("content"));
        if (cur == null) {
            Section why = stat.ok() ? sec.get("content") : stat;
            return fail(ctx, "cannot read " + dest + ": " + (why == null ? "" : why.text().strip())
                    + "; check permissions (become) on the host");
        }

        List<String> changes = new ArrayList<>();
        boolean contentChange = !cur.exists() || !java.util.Arrays.equals(cur.content(), want);
        if (!cur.exists()) {
            changes.add("create " + dest);
        } else if (contentChange) {
            changes.add("content");
        }
        boolean modeChange = mode != null && (!cur.exists() || !mode.equals(cur.mode()));
        boolean ownerChange = owner != null && (!cur.exists() || !owner.equals(cur.owner()));
        boolean groupChange = group != null && (!cur.exists() || !group.equals(cur.group()));
        if (modeChange && cur.exists()) {
            changes.add("mode " + cur.mode() + " -> " + mode);
        }
        if (ownerChange && cur.exists()) {
            changes.add("owner " + cur.owner() + " -> " + owner);
        }
        if (groupChange && cur.exists()) {
            changes.add("group " + cur.group() + " -> " + group);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dest", dest);
        data.put("checksum", sha1(want));
        data.put("changes", List.copyOf(changes));
        if (changes.isEmpty()) {
            return new ModuleResult.Ok(dest + " is up to date", data);
        }
        Diff diff = ctx.diffMode() && contentChange
                ? Diffs.of(dest + (cur.exists() ? " (before)" : " (absent)"), dest + " (after)",
                new String(cur.content(), StandardCharsets.UTF_8), rendered) : null;
        if (ctx.checkMode()) {
            return new ModuleResult.Changed("would change " + dest + ": " + String.join(", ", changes), data, diff);
        }
        String backup = null;
        if (contentChange && cur.exists() && ctx.args().bool("backup")) {
            backup = io.ringmaster.modules.support.Backups.beside(dest);
            ExecResult b = ctx.remote().exec("cp -p -- " + Shell.quote(dest) + " " + Shell.quote(backup));
            if (!b.ok()) {
                return fail(ctx, "cannot back up " + dest + " to " + backup + ": " + b.stderr().strip()
                        + "; nothing was changed");
            }
            data.put("backup_file", backup);
        }
        if (contentChange) {
            ctx.remote().upload(want, dest, mode != null ? "0" + mode : cur.exists() ? "0" + cur.mode() : null);
        }
        List<String> fix = new ArrayList<>();
        if (owner != null || group != null) {
            if (contentChange || ownerChange || groupChange) {
                fix.add("chown -- " + Shell.quote((owner == null ? "" : owner) + (group == null ? "" : ":" + group))
                        + " " + Shell.quote(dest));
            }
        }
        if (mode != null && (modeChange || contentChange)) {
            fix.add("chmod -- " + mode + " " + Shell.quote(dest));
        }
        if (!fix.isEmpty()) {
            ExecResult f = ctx.remote().exec(String.join(" && ", fix));
            if (!f.ok()) {
                return fail(ctx, "wrote " + dest + " but could not set owner/group/mode: " + f.stderr().strip()
                        + "; check that the user/group exist and that the task has become");
            }
        }
        return new ModuleResult.Changed("changed " + dest + ": " + String.join(", ", changes), data, diff);
    }

    static RemoteFile parse(Section stat, Section content) {
        if (!stat.ok()) {
            return stat.text().contains("No such file") ? new RemoteFile(false, new byte[0], "", "", "") : null;
        }
        if (content == null || !content.ok()) {
            return null;
        }
        String[] f = stat.text().trim().split(" ");
        byte[] bytes = Base64.getMimeDecoder().decode(content.text().replaceAll("\\s", ""));
        return new RemoteFile(true, bytes, f.length > 0 ? f[0] : "", f.length > 1 ? f[1] : "", f.length > 2 ? f[2] : "");
    }

    /** {@code 0644} as {@code 644}, as stat prints it. */
    static String octal(String mode) {
        String m = mode.replaceFirst("^0+(?=\\d{3})", "");
        return m.length() > 3 && m.startsWith("0") ? m.substring(1) : m;
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
