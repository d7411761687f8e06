package io.ringmaster.builtin.command;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * Times written as Ansible writes them, which is Python's {@code str()} of a {@code datetime} and a
 * {@code timedelta}: {@code 2024-05-01 12:00:00.123456} and {@code 0:00:00.003512} (microseconds
 * are left out when they are zero, and whole days come first as {@code 1 day, 0:00:00}).
 */
final class PythonTime {
    private PythonTime() {}

    /** {@code str(datetime)}: local time to the microsecond. */
    static String timestamp(LocalDateTime t) {
        String base =
                String.format(
                        "%04d-%02d-%02d %02d:%02d:%02d",
                        t.getYear(),
                        t.getMonthValue(),
                        t.getDayOfMonth(),
                        t.getHour(),
                        t.getMinute(),
                        t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? base : base + String.format(".%06d", micros);
    }

    /** {@code str(timedelta)} of a non-negative duration, to the microsecond. */
    static String delta(Duration d) {
        long totalMicros = Math.max(0, d.toNanos() / 1000);
        long micros = totalMicros % 1_000_000;
        long seconds = totalMicros / 1_000_000;
        long days = seconds / 86_400;
        long rem = seconds % 86_400;
        String clock = String.format("%d:%02d:%02d", rem / 3600, rem % 3600 / 60, rem % 60);
        if (micros != 0) {
            clock += String.format(".%06d", micros);
        }
        return days == 0 ? clock : days + (days == 1 ? " day, " : " days, ") + clock;
    }
}
