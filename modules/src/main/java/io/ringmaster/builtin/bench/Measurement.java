package io.ringmaster.builtin.bench;

import java.util.Optional;

/**
 * What one tool measured in one mode. {@code latency} comes from fio only (qemu-img bench prints
 * none).
 *
 * @param ops requests completed
 * @param seconds time the tool itself measured for them
 */
record Measurement(
        double iops, double mibPerS, double seconds, long ops, Optional<Latency> latency) {

    /** Completion latency percentiles in microseconds. */
    record Latency(double p50, double p99, double p999) {}
}
