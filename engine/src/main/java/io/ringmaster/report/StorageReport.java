package io.ringmaster.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code report storage}: one run's {@code storage_bench} results (or a before/after pair) as
 * {@code index.html} (tables and inline SVG charts), {@code report.md}, {@code report.json} and the
 * charts as {@code .svg} files.
 */
public record StorageReport(
        StorageRun run,
        Optional<StorageRun> before,
        List<StorageDisk> disks,
        List<StorageDisk> beforeDisks,
        List<StorageFlag> flags,
        List<String> hosts) {

    public static final List<String> CHART_FILES =
            List.of("iops-per-host.svg", "io_uring-distribution.svg", "before-after.svg");

    public static StorageReport of(StorageRun run, Optional<StorageRun> before) {
        List<StorageDisk> disks = StorageDisk.of(run);
        Set<String> hosts = new LinkedHashSet<>();
        disks.forEach(d -> hosts.add(d.host()));
        hosts.addAll(run.ioUringDisabled().keySet());
        return new StorageReport(
                run,
                before,
                disks,
                before.map(StorageDisk::of).orElse(List.of()),
                StorageFlag.of(disks, run.ioUringDisabled()),
                new ArrayList<>(hosts));
    }

    /** The charts in {@link #CHART_FILES} order; the before/after one only with a before run. */
    public List<String> charts() {
        List<String> out =
                new ArrayList<>(
                        List.of(
                                StorageCharts.iopsPerHost(disks),
                                StorageCharts.distribution(disks)));
        before.ifPresent(b -> out.add(StorageCharts.beforeAfter(beforeDisks, disks)));
        return out;
    }

    /** Writes every file into {@code dir} (created when missing) and returns their paths. */
    public List<Path> write(Path dir) {
        List<Path> files = new ArrayList<>();
        List<String> charts = charts();
        for (int i = 0; i < charts.size(); i++) {
            files.add(put(dir.resolve(CHART_FILES.get(i)), charts.get(i)));
        }
        files.add(put(dir.resolve("index.html"), StorageHtml.page(this, charts)));
        files.add(put(dir.resolve("report.md"), StorageMarkdown.text(this)));
        files.add(put(dir.resolve("report.json"), Json.indented(StorageJson.tree(this), 2) + "\n"));
        return files;
    }

    private static Path put(Path file, String text) {
        AtomicFile.write(file, text);
        return file;
    }
}
