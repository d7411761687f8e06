package io.ringmaster.module.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unified diffs as diff -u writes them, so that patch applies them without fuzz. */
class DiffsTest {
    @Test
    void aTrailingNewlineIsNotAnExtraLine() {
        assertThat(Diffs.of("a", "b", "one\n", "one\ntwo\n").unified())
                .isEqualTo("--- a\n+++ b\n@@ -1,1 +1,2 @@\n one\n+two\n");
    }

    @Test
    void aNewFileStartsAtLineZero() {
        assertThat(Diffs.of("a", "b", "", "x\ny\n").unified())
                .isEqualTo("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    }

    @Test
    void noChangeIsAnEmptyDiff() {
        assertThat(Diffs.of("a", "b", "same\n", "same\n").unified()).isEmpty();
    }
}
