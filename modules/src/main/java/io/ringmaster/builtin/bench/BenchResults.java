package io.ringmaster.builtin.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The verified results: {@code results} (one entry per disk, tool and mode) and {@code disks} (per
 * disk and tool: the configured mode, the best mode, and the configured mode's IOPS divided by each
 * other mode's), plus one summary line per disk and tool for the message.
 */
record BenchResults(
        List<Map<String, Object>> results, List<Map<String, Object>> disks, List<String> lines) {

    static BenchResults of(List<Row> rows) {
        Map<String, List<Row>> groups =
                rows.stream()
                        .collect(
                                Collectors.groupingBy(
                                        r ->
                                                r.job().disk().name()
                                                        + "\u0000"
                                                        + r.job().tool().command(),
                                        LinkedHashMap::new,
                                        Collectors.toList()));
        List<Map<String, Object>> results = new ArrayList<>();
        List<Map<String, Object>> disks = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (List<Row> g : groups.values()) {
            Row best = g.stream().max(Comparator.comparingDouble(r -> r.m().iops())).orElseThrow();
            String bestMode = best.job().mode().id();
            g.forEach(r -> results.add(r.toMap(bestMode)));
            disks.add(summary(g, bestMode));
            lines.add(line(g, bestMode));
        }
        return new BenchResults(results, disks, lines);
    }

    private static Map<String, Object> summary(List<Row> g, String bestMode) {
        Job first = g.get(0).job();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("disk", first.disk().name());
        d.put("path", first.facts().path());
        d.put("tool", first.tool().command());
        Optional<String> configured = first.disk().configuredMode();
        configured.ifPresent(c -> d.put("configured_mode", c));
        d.put("best_mode", bestMode);
        Optional<Row> conf =
                configured.flatMap(
                        c -> g.stream().filter(r -> r.job().mode().id().equals(c)).findFirst());
        conf.ifPresent(
                c -> {
                    Map<String, Object> ratios = new LinkedHashMap<>();
                    g.stream()
                            .filter(r -> r != c && r.m().iops() > 0)
                            .forEach(
                                    r ->
                                            ratios.put(
                                                    r.job().mode().id(),
                                                    Row.round(c.m().iops() / r.m().iops(), 2)));
                    d.put("configured_vs", ratios);
                    d.put("configured_is_best", c.job().mode().id().equals(bestMode));
                });
        return d;
    }

    private static String line(List<Row> g, String bestMode) {
        Job first = g.get(0).job();
        String figures =
                g.stream()
                        .map(r -> r.job().mode().id() + " " + kilo(r.m().iops()))
                        .collect(Collectors.joining(", "));
        String verdict =
                first.disk()
                        .configuredMode()
                        .map(
                                c ->
                                        c.equals(bestMode)
                                                ? "; configured " + c + " is the fastest"
                                                : "; configured "
                                                        + c
                                                        + " is NOT the fastest ("
                                                        + bestMode
                                                        + " is)")
                        .orElse("; fastest: " + bestMode);
        return first.disk().name()
                + " ("
                + first.facts().path()
                + ", "
                + first.tool().command()
                + "): "
                + figures
                + " IOPS"
                + verdict;
    }

    static String kilo(double iops) {
        return iops >= 1000
                ? String.format(Locale.ROOT, "%.1fk", iops / 1000)
                : String.format(Locale.ROOT, "%.0f", iops);
    }
}
