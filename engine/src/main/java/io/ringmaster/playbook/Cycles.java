package io.ringmaster.playbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Describes an include, import or dependency cycle as "a.yml → b.yml → a.yml". */
final class Cycles {
    private Cycles() {}

    /**
     * @param stack the files or role directories being expanded, innermost first (as an ArrayDeque
     *     pushes)
     * @param again the one met again
     */
    static String describe(Collection<Path> stack, Path again) {
        List<Path> outerFirst = new ArrayList<>(stack);
        java.util.Collections.reverse(outerFirst);
        List<String> names = new ArrayList<>();
        boolean started = false;
        for (Path p : outerFirst) {
            started |= p.equals(again);
            if (started) {
                names.add(p.getFileName().toString());
            }
        }
        names.add(again.getFileName().toString());
        return String.join(" → ", names);
    }
}
