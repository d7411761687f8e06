package io.ringmaster.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.module.api.HostLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-side halves of timeouts and locks, run by this machine's real sh, coreutils timeout and
 * flock.
 */
class TimeoutsAndLocksTest {
    @TempDir Path dir;

    @Test
    void aBoundedCommandIsKilledWithItsWholeProcessGroup() throws Exception {
        Path mark = dir.resolve("children");
        String cmd = "sleep 300 & echo $! > " + mark + "; sleep 300; echo never";
        ProcessBuilder pb =
                new ProcessBuilder("/bin/sh", "-c", Timeouts.bounded(cmd, Duration.ofMillis(800)));
        pb.environment().put("SHELL", "/bin/sh");
        long t0 = System.nanoTime();
        Process p = pb.start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long elapsed = System.nanoTime() - t0;
        assertThat(p.exitValue()).isEqualTo(124);
        assertThat(Timeouts.hitBound(p.exitValue(), elapsed, Duration.ofMillis(800))).isTrue();
        long child = Long.parseLong(Files.readString(mark).strip());
        Thread.sleep(200);
        assertThat(running(child)).as("the background sleep the command started").isFalse();
    }

    /** Alive and not a zombie (a killed orphan may wait a while for its reaper). */
    private static boolean running(long pid) throws java.io.IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    @Test
    void aTimedOutResultSaysWhatTimedOutWhere() {
        var r =
                Timeouts.timedOut(
                        "",
                        "partial",
                        Duration.ofSeconds(5),
                        "lab2",
                        "virsh -c qemu:///system version",
                        "it and its process group were killed on the host");
        assertThat(r.timedOut()).isTrue();
        assertThat(r.timeoutMessage())
                .startsWith(
                        "timed out after 5s on lab2 (running: virsh -c qemu:///system"
                                + " version); it and its process group were killed on the host");
        assertThat(r.stderr()).startsWith("partial\n");
    }

    @Test
    void aSecondLockFailsNamingTheHolderAndGetsInOnceReleased() throws Exception {
        String lock = dir.resolve(".f.ringmaster.lock").toString();
        HostLock first =
                HostLocks.take(HostLocks::process, "localhost", lock, Duration.ofSeconds(5));
        assertThat(Files.readString(Path.of(lock), StandardCharsets.UTF_8))
                .contains("ringmaster pid " + ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        assertThatThrownBy(
                        () ->
                                HostLocks.take(
                                        HostLocks::process,
                                        "localhost",
                                        lock,
                                        Duration.ofSeconds(1)))
                .isInstanceOf(HostLock.Busy.class)
                .hasMessageContaining(
                        "is locked by ringmaster pid " + ProcessHandle.current().pid())
                .hasMessageContaining("waited 1s");
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .isBetween(Duration.ofMillis(900), Duration.ofSeconds(8));
        first.close();
        try (HostLock second =
                HostLocks.take(HostLocks::process, "localhost", lock, Duration.ofSeconds(1))) {
            assertThat(second.path()).isEqualTo(lock);
        }
    }

    @Test
    void aLockInAMissingDirectorySaysSo() {
        String lock = dir.resolve("missing/.f.ringmaster.lock").toString();
        assertThatThrownBy(
                        () ->
                                HostLocks.take(
                                        HostLocks::process,
                                        "localhost",
                                        lock,
                                        Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot take the lock " + lock);
    }
}
