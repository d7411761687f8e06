package io.ringmaster.builtin.cpu;

import java.util.Collection;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Linux/libvirt CPU lists ({@code 0-3,8,^2}): parsing into sorted sets and the canonical short
 * form.
 */
public final class CpuSet {
    private CpuSet() {}

    /** The CPUs of {@code text}; throws {@link IllegalArgumentException} naming the bad part. */
    public static SortedSet<Integer> parse(String text) {
        SortedSet<Integer> in = new TreeSet<>();
        SortedSet<Integer> out = new TreeSet<>();
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return in;
        }
        for (String part : t.split(",")) {
            String p = part.trim();
            boolean exclude = p.startsWith("^");
            addRange(exclude ? p.substring(1).trim() : p, exclude ? out : in, text);
        }
        in.removeAll(out);
        return in;
    }

    private static void addRange(String p, SortedSet<Integer> into, String whole) {
        String[] ends = p.split("-", -1);
        if (ends.length > 2
                || !ends[0].matches("\\d+")
                || (ends.length == 2 && !ends[1].matches("\\d+"))) {
            throw new IllegalArgumentException(
                    "'" + whole + "' is not a CPU list such as 0-3,8 (bad part '" + p + "')");
        }
        int from = Integer.parseInt(ends[0]);
        int to = ends.length == 2 ? Integer.parseInt(ends[1]) : from;
        if (to < from || to - from > 65536) {
            throw new IllegalArgumentException(
                    "'" + whole + "' has a reversed or huge range '" + p + "'");
        }
        for (int c = from; c <= to; c++) {
            into.add(c);
        }
    }

    /**
     * libvirt's canonical form: every run of consecutive CPUs as {@code a-b} ({@code 0-3,8,10-11}).
     */
    public static String format(Collection<Integer> cpus) {
        StringBuilder sb = new StringBuilder();
        Iterator<Integer> it = new TreeSet<>(cpus).iterator();
        Integer start = null;
        Integer prev = null;
        while (it.hasNext()) {
            int c = it.next();
            if (prev != null && c == prev + 1) {
                prev = c;
                continue;
            }
            append(sb, start, prev);
            start = c;
            prev = c;
        }
        append(sb, start, prev);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (!sb.isEmpty()) {
            sb.append(',');
        }
        if (end > start) {
            sb.append(start).append('-').append(end);
        } else {
            sb.append(start);
        }
    }
}
