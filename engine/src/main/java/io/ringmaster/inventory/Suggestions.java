package io.ringmaster.inventory;

import io.ringmaster.error.DidYouMean;
import java.util.Collection;

/**
 * "; did you mean 'x'?" for a misspelt name: {@link DidYouMean} first, then a name sharing a long
 * prefix, which catches shortenings such as {@code child} or {@code childs} for {@code children}.
 */
final class Suggestions {
    private Suggestions() {}

    static String suffix(String given, Collection<String> valid) {
        String near = DidYouMean.suffix(given, valid);
        if (!near.isEmpty()) {
            return near;
        }
        for (String candidate : valid) {
            int common = commonPrefix(given.toLowerCase(), candidate.toLowerCase());
            if (common >= 4 && common * 2 >= given.length()) {
                return "; did you mean '" + candidate + "'?";
            }
        }
        return "";
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }
}
