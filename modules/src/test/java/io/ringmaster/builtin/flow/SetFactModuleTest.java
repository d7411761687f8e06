package io.ringmaster.builtin.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.command.Contexts;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.ParamType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetFactModuleTest {

    private final SetFactModule module = new SetFactModule();

    private ModuleResult run(Map<String, Object> args) {
        return module.run(Contexts.of(module, args, null));
    }

    @Test
    void declaresTheWildcardParameter() {
        assertThat(module.params())
                .anySatisfy(
                        p -> {
                            assertThat(p.name()).isEqualTo("*");
                            assertThat(p.type()).isEqualTo(ParamType.RAW);
                        });
        assertThat(module.supportsCheckMode()).isTrue();
    }

    @Test
    void anyKeysBecomeFactsAndTheResultIsOkNotChanged() {
        ModuleResult r =
                run(
                        Map.of(
                                "pool_dir",
                                "/srv/pools",
                                "retries",
                                3L,
                                "disks",
                                List.of("a"),
                                "cacheable",
                                true));
        assertThat(r).isInstanceOf(ModuleResult.Ok.class);
        assertThat(r.data()).containsOnlyKeys("ansible_facts");
        assertThat(r.data().get("ansible_facts"))
                .isEqualTo(Map.of("pool_dir", "/srv/pools", "retries", 3L, "disks", List.of("a")));
    }

    @Test
    void invalidKeyFailsWithAFixSuggestion() {
        ModuleResult r = run(Map.of("pool-dir", "/srv"));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).contains("'pool-dir' is not a valid variable name", "pool_dir", "web1");
        assertThat(module.validate(Map.of("1x", 1))).singleElement().asString().contains("_1x");
    }

    @Test
    void nullValueFailsBecauseTemplatesCannotUseIt() {
        Map<String, Object> args = new HashMap<>();
        args.put("x", null);
        ModuleResult r = run(args);
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).contains("'x' is null");
    }

    @Test
    void noVariablesIsAnError() {
        assertThat(run(Map.of("cacheable", false))).isInstanceOf(ModuleResult.Failed.class);
        assertThat(module.validate(Map.of())).isNotEmpty();
        assertThat(module.validate(Map.of("ok_name", 1))).isEmpty();
    }
}
