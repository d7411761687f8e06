package io.ringmaster.builtin.files;

import io.ringmaster.module.api.Args;
import io.ringmaster.module.api.Shell;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mode}, {@code owner} and {@code group} a file module was asked for (each may be null).
 */
public record Attrs(String mode, String owner, String group) {

    public static Attrs of(Args args) {
        return new Attrs(
                args.string("mode").orElse(null),
                args.string("owner").orElse(null),
                args.string("group").orElse(null));
    }

    /** What differs on {@code cur} (an existing path), as "mode 644 -> 600" lines. */
    public List<String> changes(RemoteFile cur) {
        List<String> out = new ArrayList<>();
        if (mode != null) {
            int want = Modes.target(mode, cur.mode(), cur.isDirectory());
            if (want != cur.mode()) {
                out.add("mode " + Modes.octal(cur.mode()) + " -> " + Modes.octal(want));
            }
        }
        if (owner != null && !owner.equals(cur.owner())) {
            out.add("owner " + cur.owner() + " -> " + owner);
        }
        if (group != null && !group.equals(cur.group())) {
            out.add("group " + cur.group() + " -> " + group);
        }
        return out;
    }

    /**
     * The shell commands that give {@code path} these attributes; {@code cur} is what the path was
     * before (its mode decides symbolic modes), {@code all} sets every given attribute even when it
     * seemed equal (a new file).
     */
    public List<String> fix(String path, RemoteFile cur, boolean all, String recurse) {
        List<String> cmds = new ArrayList<>();
        String q = Shell.quote(path);
        boolean ownerDiff = owner != null && (all || !owner.equals(cur.owner()));
        boolean groupDiff = group != null && (all || !group.equals(cur.group()));
        if (ownerDiff || groupDiff) {
            String who = (owner == null ? "" : owner) + (group == null ? "" : ":" + group);
            cmds.add("chown " + recurse + "-- " + Shell.quote(who) + " " + q);
        }
        if (mode != null) {
            int want = Modes.target(mode, cur.mode(), cur.isDirectory());
            if (all || want != cur.mode() || !recurse.isEmpty()) {
                String m = recurse.isEmpty() ? Modes.octal(want) : mode;
                cmds.add("chmod " + recurse + "-- " + Shell.quote(m) + " " + q);
            }
        }
        return cmds;
    }
}
