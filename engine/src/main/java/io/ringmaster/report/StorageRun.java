package io.ringmaster.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code storage_bench} results of one run, taken from its {@code --json} document: every
 * result entry of every {@code storage_bench} task (loop items included) with the host it ran on,
 * and each host's io_uring switch.
 */
public record StorageRun(String name, List<Entry> entries, Map<String, Integer> ioUringDisabled) {

    /**
     * One measurement: {@code p99} is NaN when the tool gives no latency; {@code configured} is ""
     * for a path; {@code sparse} when the image was mostly holes (its reads never reached the
     * drive).
     */
    public record Entry(
            String host,
            String disk,
            String path,
            String tool,
            String mode,
            double iops,
            double mibPerS,
            double p99,
            String configured,
            boolean sparse) {}

    /**
     * Reads the plain tree of a {@code --json} report ({@code name} labels it, e.g. its file name).
     */
    public static StorageRun from(String name, Map<String, Object> doc) {
        List<Entry> out = new ArrayList<>();
        Map<String, Integer> disabled = new LinkedHashMap<>();
        for (Map<String, Object> play : maps(doc.get("plays"))) {
            for (Map<String, Object> task : maps(play.get("tasks"))) {
                if (!"storage_bench".equals(task.get("module"))
                        || !(task.get("hosts") instanceof Map<?, ?> hosts)) {
                    continue;
                }
                hosts.forEach(
                        (host, result) -> collect(String.valueOf(host), result, out, disabled));
            }
        }
        return new StorageRun(name, List.copyOf(out), disabled);
    }

    private static void collect(
            String host, Object result, List<Entry> out, Map<String, Integer> disabled) {
        if (!(result instanceof Map<?, ?> r)) {
            return;
        }
        // a loop's own data holds Ansible's "results" list of items: read the items' data instead
        List<Object> parts = new ArrayList<>();
        List<Map<String, Object>> items = maps(r.get("items"));
        if (items.isEmpty()) {
            parts.add(r.get("data"));
        }
        items.forEach(item -> parts.add(item.get("data")));
        for (Object data : parts) {
            if (!(data instanceof Map<?, ?> d)) {
                continue;
            }
            if (d.get("io_uring_disabled") instanceof Number n) {
                disabled.merge(host, n.intValue(), Math::max);
            }
            for (Map<String, Object> e : maps(d.get("results"))) {
                if (e.get("mode") == null || e.get("tool") == null) {
                    continue;
                }
                out.add(
                        new Entry(
                                host,
                                text(e.get("disk")),
                                text(e.get("path")),
                                text(e.get("tool")),
                                text(e.get("mode")),
                                number(e.get("iops")),
                                number(e.get("mib_per_s")),
                                e.get("lat_p99_us") == null
                                        ? Double.NaN
                                        : number(e.get("lat_p99_us")),
                                text(e.get("configured_mode")),
                                Boolean.TRUE.equals(e.get("sparse"))));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.stream().filter(Map.class::isInstance).forEach(m -> out.add((Map<String, Object>) m));
        }
        return out;
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
