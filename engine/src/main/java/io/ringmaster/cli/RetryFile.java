package io.ringmaster.cli;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import io.ringmaster.event.HostStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Ansible's retry files: {@code --retry FILE} writes the hosts that failed or were unreachable, one
 * per line; {@code --limit @FILE} runs only the hosts such a file names. A run where no host failed
 * removes the file, so a loop of "run, then re-run the failures" ends.
 */
final class RetryFile {
    private RetryFile() {}

    /**
     * The hosts to retry, in recap order; written atomically (or the file removed when there are
     * none).
     */
    static List<String> write(Path file, Map<String, HostStats> stats) throws IOException {
        List<String> hosts =
                stats.entrySet().stream()
                        .filter(e -> e.getValue().failed() > 0 || e.getValue().unreachable() > 0)
                        .map(Map.Entry::getKey)
                        .toList();
        if (hosts.isEmpty()) {
            Files.deleteIfExists(file);
            return hosts;
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".retry-", ".tmp");
        Files.writeString(tmp, String.join("\n", hosts) + "\n", StandardCharsets.UTF_8);
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return hosts;
    }

    /**
     * {@code @FILE} as a host pattern: the names it lists (blank lines and {@code #} comments
     * skipped).
     */
    static String pattern(String limit) {
        if (limit == null || !limit.startsWith("@")) {
            return limit;
        }
        Path file = Path.of(limit.substring(1));
        List<String> hosts;
        try {
            hosts =
                    Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                            .toList();
        } catch (IOException e) {
            throw new UserError(
                    Position.of(file),
                    "cannot read the --limit file: " + e.getMessage(),
                    "give a file of host names, one per line, such as one written by --retry");
        }
        if (hosts.isEmpty()) {
            throw new UserError(
                    Position.of(file),
                    "the --limit file names no host",
                    "give a file of host names, one per line, such as one written by --retry");
        }
        return String.join(",", hosts);
    }
}
