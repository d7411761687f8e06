package io.ringmaster.builtin.bench;

import java.util.Optional;

/**
 * One disk to bench: a domain's disk as its definition gives it, or the {@code path:} target.
 *
 * @param name the guest device ({@code vda}) or, for {@code path:}, the file name
 * @param path the source file or device; empty for a pool volume until resolved
 * @param pool pool of a {@code type='volume'} disk, else empty
 * @param volume volume of a {@code type='volume'} disk, else empty
 * @param format the image format ({@code raw}, {@code qcow2})
 * @param configuredMode the {@code io} attribute, {@code threads} when absent; empty for {@code
 *     path:}
 * @param skipNote why this disk cannot be benched (a CD-ROM, a network disk), else empty
 */
record Disk(
        String name,
        Optional<String> path,
        Optional<String> pool,
        Optional<String> volume,
        String format,
        Optional<String> configuredMode,
        Optional<String> skipNote) {

    static Disk ofPath(String path, String format) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return new Disk(
                base.isEmpty() ? path : base,
                Optional.of(path),
                Optional.empty(),
                Optional.empty(),
                format,
                Optional.empty(),
                Optional.empty());
    }

    /** How the disk's source reads in messages. */
    String where() {
        return path.orElse("volume " + volume.orElse("?") + " of pool " + pool.orElse("?"));
    }
}
