package io.ringmaster.builtin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FioOutputTest {

    @Test
    void ioUringJsonGivesIopsBandwidthAndClatPercentiles() {
        Measurement m = FioOutput.parse(Captures.read("fio-io_uring.json"), false).orElseThrow();
        assertThat(m.iops()).isEqualTo(135501.355014, within(1e-6));
        assertThat(m.mibPerS()).isEqualTo(555013550 / 1048576.0, within(1e-6));
        assertThat(m.ops()).isEqualTo(50_000);
        assertThat(m.seconds()).isEqualTo(0.369, within(1e-9));
        Measurement.Latency l = m.latency().orElseThrow();
        assertThat(l.p99()).isEqualTo(602.112, within(1e-9));
        assertThat(l.p50()).isPositive().isLessThanOrEqualTo(l.p99());
        assertThat(l.p999()).isGreaterThanOrEqualTo(l.p99());
    }

    @Test
    void libaioJsonParses() {
        Measurement m = FioOutput.parse(Captures.read("fio-libaio.json"), false).orElseThrow();
        assertThat(m.iops()).isEqualTo(122850.12285, within(1e-6));
        assertThat(m.latency().orElseThrow().p99()).isEqualTo(1302.528, within(1e-9));
    }

    @Test
    void psyncWithOneThreadPerRequestInFlightIsReportedAsOneGroup() {
        String out = Captures.read("fio-psync.json");
        assertThat(out).startsWith("note: both iodepth");
        Measurement m = FioOutput.parse(out, false).orElseThrow();
        assertThat(m.ops()).isEqualTo(49_984); // 32 threads x 1562 requests
        assertThat(m.iops()).isEqualTo(110339.95585, within(1e-6));
        assertThat(m.iops()).isPositive();
    }

    @Test
    void aReadJobHasNoWriteFigures() {
        assertThat(FioOutput.parse(Captures.read("fio-io_uring.json"), true)).isEmpty();
    }

    @Test
    void aMissingFileGivesNoMeasurementAndFiosOwnWords() {
        String out = Captures.read("fio-missing-file.txt");
        assertThat(FioOutput.parse(out, false)).isEmpty();
        assertThat(FioOutput.error(out))
                .contains("you need to specify size=")
                .contains("error=Invalid argument");
    }

    @Test
    void garbageIsNoMeasurement() {
        assertThat(FioOutput.parse("fio: engine io_uring not loadable\n", false)).isEmpty();
        assertThat(FioOutput.parse("{ not json", false)).isEmpty();
    }
}
