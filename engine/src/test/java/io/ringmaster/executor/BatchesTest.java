package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {
    private static final List<String> TEN =
            List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "h10");

    @Test
    void noSerialIsOneBatch() {
        assertThat(Batches.split(TEN, List.of())).containsExactly(TEN);
    }

    @Test
    void canaryListRepeatsItsLastEntry() {
        assertThat(Batches.split(TEN, List.of(1, "20%", "100%")))
                .containsExactly(
                        List.of("h1"),
                        List.of("h2", "h3"),
                        List.of("h4", "h5", "h6", "h7", "h8", "h9", "h10"));
    }

    @Test
    void fixedCountRepeats() {
        assertThat(Batches.split(TEN, List.of(4)))
                .hasSize(3)
                .last()
                .isEqualTo(List.of("h9", "h10"));
    }

    @Test
    void tinyPercentageStillMakesProgress() {
        assertThat(Batches.split(List.of("a", "b"), List.of("10%")))
                .containsExactly(List.of("a"), List.of("b"));
    }
}
