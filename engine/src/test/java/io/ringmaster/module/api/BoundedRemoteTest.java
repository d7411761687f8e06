package io.ringmaster.module.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task's timeout caps every step a module asks for, and is what stepTimeout() gives. */
class BoundedRemoteTest {
    private final List<Duration> asked = new ArrayList<>();
    private final Remote inner =
            new Remote() {
                @Override
                public ExecResult exec(String command, byte[] stdin, Duration timeout) {
                    asked.add(timeout);
                    return new ExecResult(0, "", "", null);
                }

                @Override
                public void upload(byte[] content, String path, String mode) {}

                @Override
                public boolean isLocal() {
                    return false;
                }
            };

    @Test
    void theTaskTimeoutCapsLongerStepsAndLeavesShorterOnes() throws Exception {
        Remote bounded = Remote.bounded(inner, Duration.ofSeconds(5));
        bounded.exec("a", null, Duration.ofDays(1));
        bounded.exec("b", null, Duration.ofSeconds(2));
        bounded.exec("c");
        assertThat(asked)
                .containsExactly(
                        Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThat(bounded.taskTimeout()).contains(Duration.ofSeconds(5));
        assertThat(inner.taskTimeout()).isEmpty();
        assertThat(inner.stepTimeout()).isEqualTo(Remote.DEFAULT_STEP_TIMEOUT);
    }

    @Test
    void timedOutIsTheConnectionsMarkNotJustExitCode124() {
        ExecResult own124 = new ExecResult(124, "", "", null);
        ExecResult killed =
                new ExecResult(
                        124,
                        "",
                        "x\n" + ExecResult.TIMED_OUT + "5s on h (running: virsh); killed\n",
                        "KILL");
        assertThat(own124.timedOut()).isFalse();
        assertThat(killed.timedOut()).isTrue();
        assertThat(killed.timeoutMessage())
                .isEqualTo("timed out after 5s on h (running: virsh); killed");
    }
}
