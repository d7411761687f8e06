package io.ringmaster.module.api;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.Arrays;
import java.util.List;

/** Unified diffs for {@code --diff}, built with java-diff-utils. */
public final class Diffs {
    private Diffs() {}

    /** A {@link Diff} of two texts with a unified rendering (3 lines of context). */
    public static Diff of(String beforeHeader, String afterHeader, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<String> unified =
                UnifiedDiffUtils.generateUnifiedDiff(
                        beforeHeader, afterHeader, a, DiffUtils.diff(a, b), 3);
        StringBuilder out = new StringBuilder();
        for (String line : unified) {
            // java-diff-utils numbers an empty side from 1; diff -u and patch expect 0 ("@@ -0,0
            // +1,3 @@").
            out.append(
                            line.startsWith("@@")
                                    ? line.replace("-1,0 ", "-0,0 ").replace("+1,0 ", "+0,0 ")
                                    : line)
                    .append('\n');
        }
        return new Diff(beforeHeader, afterHeader, before, after, out.toString());
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        // A final newline ends the last line; it does not start an empty one (as diff -u counts
        // lines).
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(body.split("\n", -1));
    }
}
