package io.ringmaster.builtin.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code qemu-img bench} output: one or more runs of "Sending N read requests, ..." followed
 * by "Run completed in S seconds." (the module runs it in chunks to honour the time cap), summed.
 */
final class QemuImgOutput {
    private static final Pattern SENDING =
            Pattern.compile("^Sending (\\d+) (?:read|write) requests", Pattern.MULTILINE);
    private static final Pattern DONE =
            Pattern.compile("^Run completed in ([0-9.]+) seconds", Pattern.MULTILINE);

    private QemuImgOutput() {}

    /** The summed measurement, or empty when no run completed. */
    static Optional<Measurement> parse(String text, int blockSize) {
        Matcher sent = SENDING.matcher(text);
        Matcher done = DONE.matcher(text);
        long ops = 0;
        double seconds = 0;
        int runs = 0;
        while (sent.find() && done.find()) {
            ops += Long.parseLong(sent.group(1));
            seconds += Double.parseDouble(done.group(1));
            runs++;
        }
        if (runs == 0) {
            return Optional.empty();
        }
        double s =
                Math.max(
                        seconds,
                        0.0005); // qemu-img prints milliseconds: a sub-millisecond run counts as
        // half of one
        double iops = ops / s;
        return Optional.of(
                new Measurement(
                        iops, iops * blockSize / 1048576.0, seconds, ops, Optional.empty()));
    }

    /**
     * The last line that names what went wrong ("qemu-img: Could not open ..."), else the last
     * line.
     */
    static String error(String text) {
        String last = "";
        for (String line : text.strip().split("\n")) {
            if (!line.isBlank()) {
                last = line.strip();
            }
            if (line.startsWith("qemu-img:")) {
                return line.strip();
            }
        }
        return last.isEmpty() ? "no output" : last;
    }
}
