package io.ringmaster.vars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.expr.Templar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VarLayersTest {
    private final Templar templar = new Templar();

    @Test
    void laterLayersWinAndMapsAreReplacedNotMerged() {
        LazyVars v =
                new VarLayers()
                        .add(Map.of("a", 1, "m", Map.of("x", 1, "y", 2)))
                        .add(Map.of("a", 2, "m", Map.of("x", 9)))
                        .lazy(templar);
        assertThat(v.get("a")).isEqualTo(2);
        assertThat(v.get("m")).isEqualTo(Map.of("x", 9));
    }

    @Test
    void writtenValuesAreRenderedWhenReadAgainstTheSameVariables() {
        LazyVars v =
                new VarLayers()
                        .add(
                                Map.of(
                                        "base",
                                        "/srv",
                                        "disk",
                                        "${base}/a.img",
                                        "disks",
                                        List.of("${disk}", "/b")))
                        .lazy(templar);
        assertThat(v.get("disk")).isEqualTo("/srv/a.img");
        assertThat(v.get("disks")).isEqualTo(List.of("/srv/a.img", "/b"));
    }

    @Test
    void dataIsNeverRenderedUnlessAHigherWrittenLayerReplacesIt() {
        LazyVars v =
                new VarLayers()
                        .add(Map.of("x", "${y}", "y", "why"))
                        .addData(
                                Map.of(
                                        "out",
                                        Map.of("stdout", "$HOME ${not_a_var}"),
                                        "x",
                                        "$literal"))
                        .lazy(templar);
        assertThat(v.get("out")).isEqualTo(Map.of("stdout", "$HOME ${not_a_var}"));
        assertThat(v.get("x")).isEqualTo("$literal");
        LazyVars w =
                new VarLayers()
                        .addData(Map.of("x", "$data"))
                        .add(Map.of("x", "${y}", "y", "why"))
                        .lazy(templar);
        assertThat(w.get("x")).isEqualTo("why");
    }

    @Test
    void aVariableReferringToItselfIsAnErrorNotALoop() {
        LazyVars v = new VarLayers().add(Map.of("a", "${b}", "b", "${a}")).lazy(templar);
        assertThatThrownBy(() -> v.get("a")).hasMessageContaining("refers to itself");
    }

    @Test
    void anUndefinedReferenceInAValueNamesTheVariable() {
        LazyVars v = new VarLayers().add(Map.of("a", "${missing}")).lazy(templar);
        assertThatThrownBy(() -> v.get("a"))
                .isInstanceOf(LazyVars.VariableRenderingException.class)
                .hasMessageContaining("variable 'a'")
                .hasMessageContaining("missing");
    }
}
