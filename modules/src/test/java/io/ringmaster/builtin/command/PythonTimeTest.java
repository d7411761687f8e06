package io.ringmaster.builtin.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class PythonTimeTest {

    @Test
    void deltaLooksLikePythonTimedelta() {
        assertThat(PythonTime.delta(Duration.ofNanos(3_512_999))).isEqualTo("0:00:00.003512");
        assertThat(PythonTime.delta(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
        assertThat(PythonTime.delta(Duration.ofHours(49).plusMillis(5)))
                .isEqualTo("2 days, 1:00:00.005000");
        assertThat(PythonTime.delta(Duration.ofDays(1))).isEqualTo("1 day, 0:00:00");
    }

    @Test
    void timestampLooksLikePythonDatetime() {
        assertThat(PythonTime.timestamp(LocalDateTime.of(2024, 5, 1, 7, 8, 9, 123_456_789)))
                .isEqualTo("2024-05-01 07:08:09.123456");
        assertThat(PythonTime.timestamp(LocalDateTime.of(2024, 5, 1, 7, 8, 9)))
                .isEqualTo("2024-05-01 07:08:09");
    }
}
