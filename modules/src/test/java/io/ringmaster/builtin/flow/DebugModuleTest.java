package io.ringmaster.builtin.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.command.Contexts;
import io.ringmaster.builtin.fixtures.FakeExpressions;
import io.ringmaster.module.api.ModuleResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebugModuleTest {

    private final DebugModule module = new DebugModule();
    private final FakeExpressions expr =
            new FakeExpressions(Map.of(), Map.of("out.stdout_lines", List.of("a", "b")));

    private ModuleResult run(Map<String, Object> args) {
        return module.run(Contexts.of(module, args, null, expr));
    }

    @Test
    void withoutArgumentsSaysHelloWorld() {
        ModuleResult r = run(Map.of());
        assertThat(r).isInstanceOf(ModuleResult.Ok.class);
        assertThat(r.msg()).isEqualTo("Hello world!");
        assertThat(r.data()).containsEntry("msg", "Hello world!").containsEntry("verbosity", 0L);
    }

    @Test
    void msgIsShownAndKeptWithItsType() {
        ModuleResult r = run(Map.of("msg", List.of(1, 2), "verbosity", 2L));
        assertThat(r.msg()).isEqualTo("[1, 2]");
        assertThat(r.data()).containsEntry("msg", List.of(1, 2)).containsEntry("verbosity", 2L);
    }

    @Test
    void varShowsTheValueUnderTheVariableName() {
        ModuleResult r = run(Map.of("var", "out.stdout_lines"));
        assertThat(r).isInstanceOf(ModuleResult.Ok.class);
        assertThat(r.data())
                .containsEntry("out.stdout_lines", List.of("a", "b"))
                .doesNotContainKey("msg");
    }

    @Test
    void undefinedVarIsShownAsNotDefinedLikeAnsible() {
        ModuleResult r = run(Map.of("var", "nope"));
        assertThat(r).isInstanceOf(ModuleResult.Ok.class);
        assertThat(r.data()).containsEntry("nope", "VARIABLE IS NOT DEFINED!");
    }

    @Test
    void varNamedVerbosityDoesNotClash() {
        ModuleResult r =
                module.run(
                        Contexts.of(
                                module,
                                Map.of("var", "verbosity"),
                                null,
                                new FakeExpressions(Map.of(), Map.of("verbosity", "high"))));
        assertThat(r.data()).containsEntry("verbosity", "high");
    }

    @Test
    void validateRejectsMsgTogetherWithVar() {
        assertThat(module.validate(Map.of("msg", "x", "var", "y")))
                .singleElement()
                .asString()
                .contains("not both");
        assertThat(module.validate(Map.of("var", "y"))).isEmpty();
    }
}
