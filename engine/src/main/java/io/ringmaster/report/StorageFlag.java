package io.ringmaster.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Something an operator should look at: the configured mode is not the fastest measured, io_uring
 * is slower than another mode, or io_uring is disabled on the host. Differences within {@link
 * #TOLERANCE} count as noise; sparse images are not judged (their reads never reached the drive).
 */
public record StorageFlag(String host, String disk, String kind, String message) {

    /** 5 %: runs on a busy machine differ by that much from one to the next. */
    static final double TOLERANCE = 0.05;

    static List<StorageFlag> of(List<StorageDisk> disks, Map<String, Integer> ioUringDisabled) {
        List<StorageFlag> out = new ArrayList<>();
        ioUringDisabled.forEach(
                (host, v) -> {
                    if (v > 0) {
                        out.add(
                                new StorageFlag(
                                        host,
                                        "",
                                        "io_uring disabled",
                                        "io_uring is disabled on "
                                                + host
                                                + " (kernel.io_uring_disabled = "
                                                + v
                                                + "): aio=io_uring cannot be used there"));
                    }
                });
        for (StorageDisk d : disks) {
            if (d.sparse()) {
                continue;
            }
            String best = d.best().orElse("");
            String where = d.host() + " " + d.disk() + " (" + d.tool() + ")";
            if (!d.configured().isEmpty()
                    && d.modes().containsKey(d.configured())
                    && d.iops(best) > d.iops(d.configured()) * (1 + TOLERANCE)) {
                out.add(
                        new StorageFlag(
                                d.host(),
                                d.disk(),
                                "configured mode not fastest",
                                where
                                        + ": configured "
                                        + d.configured()
                                        + " "
                                        + kilo(d.iops(d.configured()))
                                        + " IOPS, "
                                        + best
                                        + " "
                                        + kilo(d.iops(best))
                                        + " IOPS ("
                                        + ratio(d.iops(d.configured()) / d.iops(best))
                                        + ")"));
            }
            for (String other : List.of("native", "threads")) {
                double r = d.uringOver(other);
                if (r < 1 - TOLERANCE) {
                    out.add(
                            new StorageFlag(
                                    d.host(),
                                    d.disk(),
                                    "io_uring slower",
                                    where
                                            + ": io_uring "
                                            + kilo(d.iops("io_uring"))
                                            + " IOPS is slower than "
                                            + other
                                            + " "
                                            + kilo(d.iops(other))
                                            + " IOPS ("
                                            + ratio(r)
                                            + ")"));
                }
            }
        }
        return out;
    }

    static String kilo(double iops) {
        return Double.isNaN(iops)
                ? "-"
                : iops >= 1000
                        ? String.format(Locale.ROOT, "%.1fk", iops / 1000)
                        : String.format(Locale.ROOT, "%.0f", iops);
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "x%.2f", r);
    }
}
