package io.ringmaster.modules.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the host says about one path: {@code kind} is file, block, missing or other; {@code direct} is "ok" or the
 * error of an O_DIRECT read of its first block; {@code resolveError} is set when a pool volume had no path.
 */
record PathFacts(String path, String kind, long size, String realPath, String direct, Optional<String> resolveError) {

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
        long size = 0;
        try {
            size = Long.parseLong(kv.getOrDefault("size", "0"));
        } catch (NumberFormatException e) {
            size = 0;
        }
        return new PathFacts(path, kv.getOrDefault("kind", "missing"), size, kv.getOrDefault("real", path),
                kv.getOrDefault("direct", ""), Optional.empty());
    }

    boolean directOk() {
        return direct.equals("ok");
    }
}
