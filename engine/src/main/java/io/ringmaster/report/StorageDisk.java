package io.ringmaster.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One disk of one host as one tool measured it: IOPS per mode, the configured mode ("" for a path)
 * and the best.
 */
public record StorageDisk(
        String host,
        String disk,
        String path,
        String tool,
        String configured,
        Map<String, StorageRun.Entry> modes) {

    static final List<String> MODES = List.of("io_uring", "native", "threads");

    /** Groups a run's entries by host, disk and tool, in the order they appear. */
    static List<StorageDisk> of(StorageRun run) {
        Map<String, StorageDisk> out = new LinkedHashMap<>();
        for (StorageRun.Entry e : run.entries()) {
            String key = e.host() + "\u0000" + e.disk() + "\u0000" + e.path() + "\u0000" + e.tool();
            out.computeIfAbsent(
                            key,
                            k ->
                                    new StorageDisk(
                                            e.host(),
                                            e.disk(),
                                            e.path(),
                                            e.tool(),
                                            e.configured(),
                                            new LinkedHashMap<>()))
                    .modes()
                    .put(e.mode(), e);
        }
        return new ArrayList<>(out.values());
    }

    /** Mostly holes: its figures say nothing about the drive, so charts and flags leave it out. */
    boolean sparse() {
        return modes.values().stream().anyMatch(StorageRun.Entry::sparse);
    }

    String key() {
        return host + " " + disk + " " + tool;
    }

    double iops(String mode) {
        StorageRun.Entry e = modes.get(mode);
        return e == null ? Double.NaN : e.iops();
    }

    Optional<String> best() {
        return modes.values().stream()
                .max(Comparator.comparingDouble(StorageRun.Entry::iops))
                .map(StorageRun.Entry::mode);
    }

    /** io_uring's IOPS over {@code other}'s, or NaN when either was not measured. */
    double uringOver(String other) {
        double u = iops("io_uring");
        double o = iops(other);
        return o > 0 ? u / o : Double.NaN;
    }

    /** The mode whose figure speaks for the disk: the configured one, else (a path) the best. */
    String speaking() {
        return !configured.isEmpty() && modes.containsKey(configured)
                ? configured
                : best().orElse("");
    }
}
