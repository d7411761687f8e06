package io.ringmaster.builtin.files;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Remote;
import io.ringmaster.module.api.Shell;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Reads a path on the host in ONE exec: its type, mode, owner, group, size, link target, optionally
 * its content, whether its directory exists, and whether the wanted owner and group exist, so a
 * module can fail before it writes anything.
 */
public final class FileProbe {

    /** What was read; {@code error} is non-null when the path could not be read (permissions). */
    public record Snapshot(
            RemoteFile file,
            boolean parentExists,
            String missingOwner,
            String missingGroup,
            String error) {
        public boolean ok() {
            return error == null;
        }

        /** The first reason not to go on, or null. */
        public String problem(String path) {
            if (error != null) {
                return error;
            }
            if (missingOwner != null) {
                return "owner '"
                        + missingOwner
                        + "' does not exist on the host (nothing was changed)";
            }
            if (missingGroup != null) {
                return "group '"
                        + missingGroup
                        + "' does not exist on the host (nothing was changed)";
            }
            return null;
        }
    }

    private FileProbe() {}

    public static Snapshot read(
            Remote remote, String path, boolean content, boolean follow, Attrs attrs)
            throws HostUnreachableException, InterruptedException {
        Sections s = Sections.script().raw("P=" + Shell.quote(path) + "; LC_ALL=C; export LC_ALL");
        s.section("stat", "stat " + (follow ? "-L " : "") + "-c '%F|%a|%U|%G|%s' -- \"$P\"");
        s.section("link", "if [ -L \"$P\" ]; then readlink -- \"$P\"; fi");
        if (content) {
            s.section("content", "if [ -f \"$P\" ]; then base64 < \"$P\"; fi");
        }
        s.section("parent", "test -d \"$(dirname -- \"$P\")\"");
        if (attrs != null && attrs.owner() != null) {
            s.section("owner", "id -u -- " + Shell.quote(attrs.owner()));
        }
        if (attrs != null && attrs.group() != null) {
            s.section("group", "getent group -- " + Shell.quote(attrs.group()));
        }
        ExecResult r = remote.exec(s.command(), null, Duration.ofSeconds(60));
        return parse(path, s.parse(r.stdout()), attrs, r);
    }

    static Snapshot parse(String path, Map<String, Section> sec, Attrs attrs, ExecResult r) {
        Section stat = sec.get("stat");
        if (stat == null) {
            return new Snapshot(
                    RemoteFile.absent(path),
                    false,
                    null,
                    null,
                    "cannot read " + path + " (rc " + r.rc() + ": " + r.stderr().strip() + ")");
        }
        boolean parent = sec.get("parent") != null && sec.get("parent").ok();
        String owner =
                attrs != null && attrs.owner() != null && !sec.get("owner").ok()
                        ? attrs.owner()
                        : null;
        String group =
                attrs != null && attrs.group() != null && !sec.get("group").ok()
                        ? attrs.group()
                        : null;
        if (!stat.ok()) {
            if (stat.text().contains("No such file") || stat.text().contains("Not a directory")) {
                return new Snapshot(RemoteFile.absent(path), parent, owner, group, null);
            }
            return new Snapshot(
                    RemoteFile.absent(path),
                    parent,
                    owner,
                    group,
                    "cannot stat "
                            + path
                            + ": "
                            + stat.text().strip()
                            + "; check permissions (become) on the host");
        }
        String[] f = stat.text().strip().split("\\|", -1);
        Section c = sec.get("content");
        if (c != null && !c.ok()) {
            return new Snapshot(
                    RemoteFile.absent(path),
                    parent,
                    owner,
                    group,
                    "cannot read "
                            + path
                            + ": "
                            + c.text().strip()
                            + "; check permissions (become) on the host");
        }
        byte[] bytes =
                c == null
                        ? new byte[0]
                        : Base64.getMimeDecoder().decode(c.text().replaceAll("\\s", ""));
        String link = sec.get("link") == null ? "" : sec.get("link").text().strip();
        RemoteFile file =
                new RemoteFile(
                        path,
                        RemoteFile.typeOf(f[0]),
                        Integer.parseInt(f[1], 8),
                        f[2],
                        f[3],
                        Long.parseLong(f[4]),
                        bytes,
                        link);
        return new Snapshot(file, parent, owner, group, null);
    }
}
