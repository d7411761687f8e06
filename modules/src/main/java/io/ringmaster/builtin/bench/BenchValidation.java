package io.ringmaster.builtin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks on a {@code storage_bench} task as written, before any host is contacted. */
final class BenchValidation {

    private BenchValidation() {}

    static List<String> problems(Map<String, Object> a) {
        List<String> out = new ArrayList<>();
        boolean path = a.get("path") != null;
        boolean domain = a.get("domain") != null;
        if (path == domain) {
            out.add(
                    "give exactly one of path (an image file or block device) or domain (a libvirt domain)"
                            + (path ? ", not both" : ""));
        }
        Object modes = a.get("modes");
        if (modes instanceof List<?> list) {
            for (Object m : list) {
                String s = String.valueOf(m);
                if (!s.contains("$") && Mode.of(s).isEmpty()) {
                    out.add("modes: unknown aio mode '" + s + "'; use io_uring, native or threads");
                }
            }
        }
        for (String p : List.of("ops", "queue_depth", "block_size", "seconds")) {
            Object v = a.get(p);
            if (v instanceof Number n && n.longValue() <= 0) {
                out.add(p + " must be a positive number, not " + v);
            }
        }
        if (a.get("block_size") instanceof Number n && n.longValue() % 512 != 0) {
            out.add(
                    "block_size must be a multiple of 512 (O_DIRECT needs aligned requests), not "
                            + n);
        }
        return out;
    }
}
