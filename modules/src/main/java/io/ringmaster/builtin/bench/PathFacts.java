package io.ringmaster.builtin.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the host says about one path: {@code kind} is file, block, missing or other; {@code direct}
 * is "ok" or the error of an O_DIRECT read of its first block; {@code resolveError} is set when a
 * pool volume had no path; {@code allocated} is the bytes a file really holds on disk (-1 for a
 * block device or when unknown); {@code virtualSize} is the size of the disk the image holds as
 * {@code qemu-img info} reports it (-1 unknown).
 */
record PathFacts(
        String path,
        String kind,
        long size,
        String realPath,
        String direct,
        Optional<String> resolveError,
        long allocated,
        long virtualSize) {

    PathFacts(
            String path,
            String kind,
            long size,
            String realPath,
            String direct,
            Optional<String> resolveError) {
        this(path, kind, size, realPath, direct, resolveError, -1, -1);
    }

    /** Parses the {@code key value} lines the read script prints for one path. */
    static PathFacts parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                kv.putIfAbsent(line.substring(0, sp), line.substring(sp + 1).trim());
            }
        }
        if (kv.containsKey("volume-error")) {
            return new PathFacts("", "missing", 0, "", "", Optional.of(kv.get("volume-error")));
        }
        String path = kv.getOrDefault("path", "");
        return new PathFacts(
                path,
                kv.getOrDefault("kind", "missing"),
                number(kv.get("size"), 0),
                kv.getOrDefault("real", path),
                kv.getOrDefault("direct", ""),
                Optional.empty(),
                number(kv.get("alloc"), -1),
                number(kv.get("vsize"), -1));
    }

    private static long number(String s, long dflt) {
        try {
            return s == null ? dflt : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /**
     * A file holding less than half of the disk it stands for (a sparse raw file, a qcow2 image
     * with unallocated clusters): reads of the holes never reach the drive.
     */
    boolean sparse() {
        return kind.equals("file") && allocated >= 0 && allocated < Math.max(size, virtualSize) / 2;
    }

    /**
     * The size of the disk behind the path: the image's virtual size when known, else the file's
     * size.
     */
    long diskSize() {
        return virtualSize > 0 ? virtualSize : size;
    }

    boolean directOk() {
        return direct.equals("ok");
    }
}
