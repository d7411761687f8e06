package io.ringmaster.playbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where tasks are being read: the directory relative paths resolve against, the role they belong to (or null), and
 * the tags inherited from the enclosing play, role, block or include.
 */
record Scope(Path dir, RoleRef role, List<String> tags) {
    Scope {
        tags = List.copyOf(tags);
    }

    /** {@code own} tags first, then the inherited ones, without repeats. */
    List<String> tagsWith(List<String> own) {
        LinkedHashSet<String> all = new LinkedHashSet<>(own);
        all.addAll(tags);
        return new ArrayList<>(all);
    }

    Scope withTags(List<String> own) {
        return new Scope(dir, role, tagsWith(own));
    }

    Scope in(Path directory, RoleRef roleRef) {
        return new Scope(directory, roleRef, tags);
    }
}
