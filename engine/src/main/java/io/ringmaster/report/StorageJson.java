package io.ringmaster.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree of {@code report.json}: hosts with their disks and figures, the flags, and before/after
 * pairs.
 */
final class StorageJson {
    private StorageJson() {}

    static Map<String, Object> tree(StorageReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", r.run().name());
        doc.put("before", r.before().map(StorageRun::name).orElse(null));
        List<Object> hosts = new ArrayList<>();
        for (String h : r.hosts()) {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("host", h);
            host.put("io_uring_disabled", r.run().ioUringDisabled().getOrDefault(h, -1));
            host.put(
                    "disks",
                    r.disks().stream()
                            .filter(d -> d.host().equals(h))
                            .map(StorageJson::disk)
                            .toList());
            hosts.add(host);
        }
        doc.put("hosts", hosts);
        doc.put(
                "flags",
                r.flags().stream()
                        .map(
                                f ->
                                        Map.of(
                                                "host",
                                                f.host(),
                                                "disk",
                                                f.disk(),
                                                "kind",
                                                f.kind(),
                                                "message",
                                                f.message()))
                        .toList());
        r.before().ifPresent(b -> doc.put("before_after", pairs(r)));
        return doc;
    }

    private static Map<String, Object> disk(StorageDisk d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("disk", d.disk());
        m.put("path", d.path());
        m.put("tool", d.tool());
        m.put("configured_mode", d.configured().isEmpty() ? null : d.configured());
        m.put("best_mode", d.best().orElse(null));
        Map<String, Object> modes = new LinkedHashMap<>();
        d.modes()
                .forEach(
                        (mode, e) -> {
                            Map<String, Object> f = new LinkedHashMap<>();
                            f.put("iops", e.iops());
                            f.put("mib_per_s", e.mibPerS());
                            f.put("lat_p99_us", Double.isNaN(e.p99()) ? null : e.p99());
                            modes.put(mode, f);
                        });
        m.put("modes", modes);
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (String o : List.of("native", "threads")) {
            double v = d.uringOver(o);
            ratios.put(o, Double.isNaN(v) ? null : Math.round(v * 100) / 100.0);
        }
        m.put("io_uring_vs", ratios);
        return m;
    }

    private static List<Object> pairs(StorageReport r) {
        Map<String, StorageDisk> old = new LinkedHashMap<>();
        r.beforeDisks().forEach(d -> old.put(d.key(), d));
        List<Object> out = new ArrayList<>();
        for (StorageDisk d : r.disks()) {
            StorageDisk b = old.get(d.key());
            if (b == null) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("host", d.host());
            p.put("disk", d.disk());
            p.put("tool", d.tool());
            p.put("before_mode", b.speaking());
            p.put("before_iops", b.iops(b.speaking()));
            p.put("after_mode", d.speaking());
            p.put("after_iops", d.iops(d.speaking()));
            double ratio = d.iops(d.speaking()) / b.iops(b.speaking());
            p.put("ratio", Double.isFinite(ratio) ? Math.round(ratio * 100) / 100.0 : null);
            out.add(p);
        }
        return out;
    }
}
