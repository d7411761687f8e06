package io.ringmaster.builtin.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.command.Contexts;
import io.ringmaster.builtin.fixtures.FakeExpressions;
import io.ringmaster.module.api.ModuleResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssertModuleTest {

    private final AssertModule module = new AssertModule();
    private final FakeExpressions expr =
            new FakeExpressions(
                    Map.of(
                            "$out.rc == 0",
                            true,
                            "$a.contains(\"x,y\")",
                            true,
                            "$out.stdout == \"no\"",
                            false),
                    Map.of());

    private ModuleResult run(Map<String, Object> args) {
        return module.run(Contexts.of(module, args, null, expr));
    }

    @Test
    void allTrueConditionsPass() {
        ModuleResult r = run(Map.of("that", List.of("$out.rc == 0", "$a.contains(\"x,y\")")));
        assertThat(r).isInstanceOf(ModuleResult.Ok.class);
        assertThat(r.msg()).isEqualTo("All assertions passed");
    }

    @Test
    void aSingleStringIsOneConditionEvenWithACommaInIt() {
        assertThat(run(Map.of("that", "$a.contains(\"x,y\")"))).isInstanceOf(ModuleResult.Ok.class);
        assertThat(expr.tested()).containsExactly("$a.contains(\"x,y\")");
    }

    @Test
    void successMsgReplacesTheDefault() {
        assertThat(run(Map.of("that", "$out.rc == 0", "success_msg", "fine")).msg())
                .isEqualTo("fine");
    }

    @Test
    void firstFalseConditionFailsAndStopsTheCheck() {
        ModuleResult r = run(Map.of("that", List.of("$out.stdout == \"no\"", "$never.evaluated")));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).isEqualTo("Assertion failed: $out.stdout == \"no\"");
        assertThat(r.data())
                .containsEntry("assertion", "$out.stdout == \"no\"")
                .containsEntry("evaluated_to", false);
        assertThat(expr.tested()).hasSize(1);
    }

    @Test
    void failMsgReplacesTheDefaultFailure() {
        ModuleResult r =
                run(Map.of("that", "$out.stdout == \"no\"", "fail_msg", "stdout should be no"));
        assertThat(r.msg()).isEqualTo("stdout should be no");
    }

    @Test
    void msgIsAnAliasOfFailMsg() {
        assertThat(module.params())
                .filteredOn(p -> p.name().equals("fail_msg"))
                .singleElement()
                .satisfies(p -> assertThat(p.aliases()).containsExactly("msg"));
    }

    @Test
    void expressionErrorFailsWithItsMessage() {
        ModuleResult r = run(Map.of("that", "$undefined.x"));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).contains("$undefined.x", "web1", "undefined variable");
    }

    @Test
    void validateRejectsNoConditions() {
        assertThat(module.validate(Map.of("that", List.of()))).isNotEmpty();
        assertThat(module.validate(Map.of("that", Map.of("a", 1)))).isNotEmpty();
        assertThat(module.validate(Map.of("that", "$x"))).isEmpty();
        assertThat(module.supportsCheckMode()).isTrue();
    }
}
