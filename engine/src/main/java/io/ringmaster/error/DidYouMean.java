package io.ringmaster.error;

import java.util.Collection;
import java.util.Optional;

/**
 * Suggests the nearest valid name for a misspelt one: the closest by edit distance (case ignored)
 * when it is within a third of the name's length (at least 2), else a name sharing a long prefix,
 * which catches shortenings such as {@code child} or {@code childs} for {@code children}.
 */
public final class DidYouMean {
    private DidYouMean() {}

    public static Optional<String> nearest(String given, Collection<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : valid) {
            int d = distance(given.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int limit = Math.max(2, given.length() / 3);
        if (best != null && bestDistance <= limit) {
            return Optional.of(best);
        }
        for (String candidate : valid) {
            int common = commonPrefix(given.toLowerCase(), candidate.toLowerCase());
            if (common >= 4 && common * 2 >= given.length()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    /** {@code "; did you mean 'x'?"}, to append to a message, or {@code ""}. */
    public static String suffix(String given, Collection<String> valid) {
        return nearest(given, valid).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
