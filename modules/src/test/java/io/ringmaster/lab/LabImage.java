package io.ringmaster.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The lab host image built by lab/setup, and the content hash of its inputs (same as
 * lab/image-hash).
 */
final class LabImage {

    static final String NAME = "ringmaster-lab:2";
    static final String HASH_LABEL = "ringmaster.lab.hash";

    private LabImage() {}

    /** The repository's lab/ directory, searched upwards from the working directory. */
    static Optional<Path> labDir() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("lab/Dockerfile"))
                    && Files.isDirectory(d.resolve("lab/image"))) {
                return Optional.of(d.resolve("lab"));
            }
        }
        return Optional.empty();
    }

    /** sha256 over "sha256 name" lines of Dockerfile and image/* (sorted), first 16 hex digits. */
    static String hash(Path labDir) {
        try {
            StringBuilder lines = new StringBuilder(line(labDir.resolve("Dockerfile")));
            List<Path> files;
            try (Stream<Path> s = Files.list(labDir.resolve("image"))) {
                files =
                        s.sorted(
                                        (a, b) ->
                                                a.getFileName()
                                                        .toString()
                                                        .compareTo(b.getFileName().toString()))
                                .toList();
            }
            for (Path f : files) {
                lines.append(line(f));
            }
            return sha256(lines.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(Path f) throws IOException {
        return sha256(Files.readAllBytes(f)) + "  " + f.getFileName() + "\n";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
