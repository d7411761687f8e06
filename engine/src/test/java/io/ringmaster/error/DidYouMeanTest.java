package io.ringmaster.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> SECTIONS = List.of("vars", "children", "hosts");

    @Test
    void aTypoWithinAThirdOfTheLengthIsSuggested() {
        assertThat(DidYouMean.nearest("hostss", SECTIONS)).contains("hosts");
        assertThat(DidYouMean.nearest("Childern", SECTIONS)).contains("children");
        assertThat(DidYouMean.suffix("varz", SECTIONS)).isEqualTo("; did you mean 'vars'?");
    }

    @Test
    void aShorteningWithALongCommonPrefixIsSuggested() {
        assertThat(DidYouMean.nearest("child", SECTIONS)).contains("children");
        assertThat(DidYouMean.nearest("childs", SECTIONS)).contains("children");
    }

    @Test
    void somethingUnrelatedGetsNoSuggestion() {
        assertThat(DidYouMean.nearest("networks", SECTIONS)).isEmpty();
        assertThat(DidYouMean.suffix("x", List.of())).isEmpty();
    }
}
