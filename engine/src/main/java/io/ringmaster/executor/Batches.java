package io.ringmaster.executor;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a play's hosts into {@code serial} batches, as Ansible does: each entry is a count or a
 * percentage of all the play's hosts (rounded down, at least 1); the last entry repeats until every
 * host is in a batch.
 */
final class Batches {
    private Batches() {}

    static List<List<String>> split(List<String> hosts, List<Object> serial) {
        if (serial.isEmpty() || hosts.isEmpty()) {
            return hosts.isEmpty() ? List.of() : List.of(hosts);
        }
        List<List<String>> out = new ArrayList<>();
        int i = 0;
        int step = 0;
        while (i < hosts.size()) {
            Object spec = serial.get(Math.min(step, serial.size() - 1));
            int size = Math.max(1, size(spec, hosts.size()));
            out.add(List.copyOf(hosts.subList(i, Math.min(hosts.size(), i + size))));
            i += size;
            step++;
        }
        return out;
    }

    static int size(Object spec, int total) {
        if (spec instanceof Number n) {
            return n.intValue() <= 0 ? total : n.intValue();
        }
        String s = String.valueOf(spec).strip();
        if (s.endsWith("%")) {
            double pct = Double.parseDouble(s.substring(0, s.length() - 1).strip());
            return (int) Math.floor(total * pct / 100.0);
        }
        return Integer.parseInt(s);
    }
}
