package io.ringmaster.builtin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QemuImgOutputTest {

    @Test
    void oneRunGivesRequestsOverItsOwnTime() {
        Measurement m =
                QemuImgOutput.parse(Captures.read("qemu-img-bench-native.txt"), 4096).orElseThrow();
        assertThat(m.ops()).isEqualTo(50_000);
        assertThat(m.seconds()).isEqualTo(0.440, within(1e-9));
        assertThat(m.iops()).isEqualTo(50_000 / 0.440, within(0.01));
        assertThat(m.mibPerS()).isEqualTo(50_000 / 0.440 * 4096 / 1048576, within(0.01));
        assertThat(m.latency()).isEmpty();
    }

    @Test
    void chunkedRunsAreSummed() {
        Measurement m =
                QemuImgOutput.parse(Captures.read("qemu-img-bench-chunks.txt"), 4096).orElseThrow();
        assertThat(m.ops()).isEqualTo(60_000);
        assertThat(m.seconds()).isEqualTo(0.134 + 0.147 + 0.137, within(1e-9));
    }

    @Test
    void threadsModeIsSlowerThanNativeInTheseCaptures() {
        double threads =
                QemuImgOutput.parse(Captures.read("qemu-img-bench-threads.txt"), 4096)
                        .orElseThrow()
                        .iops();
        double uring =
                QemuImgOutput.parse(Captures.read("qemu-img-bench-io_uring.txt"), 4096)
                        .orElseThrow()
                        .iops();
        assertThat(threads).isLessThan(uring);
    }

    @Test
    void aFileSystemWithoutODirectGivesNoMeasurementAndQemuImgsReason() {
        String out = Captures.read("qemu-img-bench-no-odirect.txt");
        assertThat(QemuImgOutput.parse(out, 4096)).isEmpty();
        assertThat(QemuImgOutput.error(out))
                .contains("filesystem does not support O_DIRECT")
                .startsWith("qemu-img:");
    }
}
