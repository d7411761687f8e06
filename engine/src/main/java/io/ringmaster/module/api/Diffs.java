package io.ringmaster.module.api;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.Arrays;
import java.util.List;

/** Unified diffs for {@code --diff}, built with java-diff-utils. */
public final class Diffs {
    private Diffs() {
    }

    /** A {@link Diff} of two texts with a unified rendering (3 lines of context). */
    public static Diff of(String beforeHeader, String afterHeader, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(beforeHeader, afterHeader, a,
                DiffUtils.diff(a, b), 3);
        return new Diff(beforeHeader, afterHeader, before, after, String.join("\n", unified) + (unified.isEmpty() ? "" : "\n"));
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(text.split("\n", -1));
    }
}
