package io.ringmaster.builtin.bench;

import io.ringmaster.module.api.Args;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code storage_bench} task's arguments, typed.
 *
 * @param path the image file or block device to bench (or empty)
 * @param domain the libvirt domain whose disks are benched (or empty)
 * @param uri libvirt URI for {@code domain:} and for finding which disks domains use
 * @param format image format of {@code path} for qemu-img (a domain's disks carry their own)
 * @param modes aio modes, in the order given
 * @param tool {@code auto} (qemu-img, plus fio when installed), {@code qemu-img} or {@code fio}
 *     (both, fio required)
 * @param allowRunning bench the disks of a running domain too
 */
record BenchSpec(
        Optional<String> path,
        Optional<String> domain,
        String uri,
        String format,
        List<Mode> modes,
        long ops,
        int queueDepth,
        int blockSize,
        int seconds,
        String tool,
        boolean write,
        boolean allowWrite,
        boolean allowRunning) {

    static final String DEFAULT_URI = "qemu:///system";

    static BenchSpec from(Args a, Map<String, Object> vars) {
        String uri =
                a.string("uri")
                        .or(() -> Optional.ofNullable(vars.get("libvirt_uri")).map(String::valueOf))
                        .filter(s -> !s.isBlank())
                        .orElse(DEFAULT_URI);
        List<Mode> modes =
                a.list("modes").stream()
                        .map(String::valueOf)
                        .map(
                                m ->
                                        Mode.of(m)
                                                .orElseThrow(
                                                        () ->
                                                                new IllegalArgumentException(
                                                                        "modes: unknown aio mode '"
                                                                                + m
                                                                                + "'; use io_uring, native or threads")))
                        .distinct()
                        .toList();
        return new BenchSpec(
                a.string("path").filter(s -> !s.isBlank()),
                a.string("domain").filter(s -> !s.isBlank()),
                uri,
                a.string("format").orElse("raw"),
                modes.isEmpty() ? List.of(Mode.values()) : modes,
                a.integer("ops").orElse(50_000L),
                a.integer("queue_depth").orElse(32L).intValue(),
                a.integer("block_size").orElse(4096L).intValue(),
                a.integer("seconds").orElse(10L).intValue(),
                a.string("tool").orElse("auto"),
                a.bool("write"),
                a.bool("allow_write"),
                a.bool("allow_running"));
    }

    /** True when writes were asked for with both flags. */
    boolean writes() {
        return write && allowWrite;
    }

    boolean wantsFio(boolean installed) {
        return tool.equals("fio") || (tool.equals("auto") && installed);
    }
}
