package io.ringmaster.playbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where tasks are being read: the directory relative paths resolve against, the role they belong to
 * (or null), the tags inherited from the enclosing play, role, block or include, and whether an
 * enclosing play, block or include said {@code no_log: true}.
 */
record LoadScope(Path dir, RoleRef role, List<String> tags, boolean noLog) {
    LoadScope {
        tags = List.copyOf(tags);
    }

    LoadScope(Path dir, RoleRef role, List<String> tags) {
        this(dir, role, tags, false);
    }

    /** The scope inside a block, include or role entry with these options. */
    LoadScope inside(TaskOptions options) {
        return new LoadScope(dir, role, options.tags(), options.noLog());
    }

    /** {@code own} tags first, then the inherited ones, without repeats. */
    List<String> tagsWith(List<String> own) {
        LinkedHashSet<String> all = new LinkedHashSet<>(own);
        all.addAll(tags);
        return new ArrayList<>(all);
    }

    LoadScope withTags(List<String> own) {
        return new LoadScope(dir, role, tagsWith(own), noLog);
    }

    LoadScope in(Path directory, RoleRef roleRef) {
        return new LoadScope(directory, roleRef, tags, noLog);
    }
}
