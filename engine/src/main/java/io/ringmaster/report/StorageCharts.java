package io.ringmaster.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three SVG charts of {@code report storage}, from qemu-img's figures (the tool every run has);
 * sparse images are left out, since their reads never reached the drive.
 */
final class StorageCharts {
    static final String TOOL = "qemu-img";
    static final List<String> MODE_COLOURS = List.of("#1b9e77", "#d95f02", "#7570b3");

    /** Upper bounds of the ratio bins (the last bin is open). */
    static final double[] BINS = {0.8, 0.95, 1.05, 1.25, 1.5, 2, 3};

    private StorageCharts() {}

    /** IOPS per mode per host: the mean over the host's disks. */
    static String iopsPerHost(List<StorageDisk> disks) {
        Map<String, List<StorageDisk>> byHost = new LinkedHashMap<>();
        disks.stream()
                .filter(d -> d.tool().equals(TOOL) && !d.sparse())
                .forEach(d -> byHost.computeIfAbsent(d.host(), h -> new ArrayList<>()).add(d));
        List<SvgBarChart.Group> groups = new ArrayList<>();
        byHost.forEach(
                (host, list) ->
                        groups.add(
                                new SvgBarChart.Group(
                                        host
                                                + " ("
                                                + list.size()
                                                + " disk"
                                                + (list.size() == 1 ? ")" : "s)"),
                                        StorageDisk.MODES.stream()
                                                .map(
                                                        m ->
                                                                list.stream()
                                                                        .mapToDouble(d -> d.iops(m))
                                                                        .filter(
                                                                                v ->
                                                                                        !Double
                                                                                                .isNaN(
                                                                                                        v))
                                                                        .average()
                                                                        .orElse(Double.NaN))
                                                .toList())));
        return new SvgBarChart(
                        "IOPS per aio mode per host (qemu-img bench, mean over disks)",
                        "IOPS",
                        StorageDisk.MODES,
                        MODE_COLOURS,
                        groups)
                .svg();
    }

    /**
     * How many disks of the fleet fall in each bin of io_uring's IOPS over native's and over
     * threads'.
     */
    static String distribution(List<StorageDisk> disks) {
        List<StorageDisk> q =
                disks.stream().filter(d -> d.tool().equals(TOOL) && !d.sparse()).toList();
        List<SvgBarChart.Group> groups = new ArrayList<>();
        for (int b = 0; b <= BINS.length; b++) {
            int bin = b;
            groups.add(
                    new SvgBarChart.Group(
                            binLabel(b),
                            List.of("native", "threads").stream()
                                    .map(
                                            o ->
                                                    (double)
                                                            q.stream()
                                                                    .filter(
                                                                            d ->
                                                                                    binOf(
                                                                                                    d
                                                                                                            .uringOver(
                                                                                                                    o))
                                                                                            == bin)
                                                                    .count())
                                    .toList()));
        }
        return new SvgBarChart(
                        "Fleet: io_uring IOPS divided by the other modes' (" + q.size() + " disks)",
                        "disks",
                        List.of("io_uring / native", "io_uring / threads"),
                        List.of("#d95f02", "#7570b3"),
                        groups)
                .svg();
    }

    /** The configured (for a path: the best) mode's IOPS per disk, before and after. */
    static String beforeAfter(List<StorageDisk> before, List<StorageDisk> after) {
        Map<String, StorageDisk> old = new LinkedHashMap<>();
        before.stream()
                .filter(d -> d.tool().equals(TOOL) && !d.sparse())
                .forEach(d -> old.put(d.key(), d));
        List<SvgBarChart.Group> groups = new ArrayList<>();
        for (StorageDisk d : after) {
            StorageDisk b = old.get(d.key());
            if (d.tool().equals(TOOL) && !d.sparse() && b != null) {
                groups.add(
                        new SvgBarChart.Group(
                                d.host()
                                        + " "
                                        + d.disk()
                                        + ": "
                                        + b.speaking()
                                        + " \u2192 "
                                        + d.speaking(),
                                List.of(b.iops(b.speaking()), d.iops(d.speaking()))));
            }
        }
        return new SvgBarChart(
                        "Before and after: IOPS of each disk's configured mode (qemu-img bench)",
                        "IOPS",
                        List.of("before", "after"),
                        List.of("#9e9e9e", "#1b9e77"),
                        groups)
                .svg();
    }

    static int binOf(double r) {
        if (Double.isNaN(r)) {
            return -1;
        }
        for (int i = 0; i < BINS.length; i++) {
            if (r < BINS[i]) {
                return i;
            }
        }
        return BINS.length;
    }

    static String binLabel(int b) {
        if (b == 0) {
            return "< " + BINS[0];
        }
        return b == BINS.length
                ? "\u2265 " + SvgBarChart.number(BINS[b - 1])
                : SvgBarChart.number(BINS[b - 1]) + " \u2013 " + SvgBarChart.number(BINS[b]);
    }
}
