package io.ringmaster.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-host table of {@code report storage}, as rows of cells shared by the HTML and the
 * Markdown.
 */
final class StorageTable {
    static final List<String> HEADER =
            List.of(
                    "disk",
                    "path",
                    "tool",
                    "configured",
                    "best",
                    "io_uring IOPS",
                    "native IOPS",
                    "threads IOPS",
                    "io_uring / native",
                    "io_uring / threads",
                    "p99 µs (io_uring / native / threads)");

    private StorageTable() {}

    static List<List<String>> rows(List<StorageDisk> disks, String host) {
        List<List<String>> out = new ArrayList<>();
        for (StorageDisk d : disks) {
            if (!d.host().equals(host)) {
                continue;
            }
            List<String> r =
                    new ArrayList<>(
                            List.of(
                                    d.disk() + (d.sparse() ? " (sparse)" : ""),
                                    d.path(),
                                    d.tool(),
                                    d.configured().isEmpty() ? "-" : d.configured(),
                                    d.best().orElse("-")));
            StorageDisk.MODES.forEach(m -> r.add(StorageFlag.kilo(d.iops(m))));
            r.add(StorageFlag.ratio(d.uringOver("native")));
            r.add(StorageFlag.ratio(d.uringOver("threads")));
            r.add(latencies(d));
            out.add(r);
        }
        return out;
    }

    private static String latencies(StorageDisk d) {
        List<String> l = new ArrayList<>();
        boolean any = false;
        for (String m : StorageDisk.MODES) {
            StorageRun.Entry e = d.modes().get(m);
            boolean has = e != null && !Double.isNaN(e.p99());
            any |= has;
            l.add(has ? String.format(Locale.ROOT, "%.0f", e.p99()) : "-");
        }
        return any ? String.join(" / ", l) : "-";
    }
}
