package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.module.api.Args;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.playbook.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgBinderTest {
    static final Module FILE =
            new Module() {
                @Override
                public String name() {
                    return "file";
                }

                @Override
                public String description() {
                    return "test";
                }

                @Override
                public List<Param> params() {
                    return List.of(
                            Param.required("path", ParamType.STRING, "p").withAliases("dest"),
                            Param.optional("state", ParamType.STRING, "s")
                                    .withDefault("file")
                                    .withChoices("file", "absent"),
                            Param.optional("mode", ParamType.MODE, "m"),
                            Param.optional("count", ParamType.INT, "c"),
                            Param.optional("force", ParamType.BOOL, "f"),
                            Param.optional("items", ParamType.LIST, "i"));
                }

                @Override
                public Optional<String> freeFormParam() {
                    return Optional.of("path");
                }

                @Override
                public ModuleResult run(ModuleContext context) {
                    return ModuleResult.ok("");
                }
            };

    @Test
    void unknownParameterSuggestsTheNearestName() {
        assertThat(ArgBinder.checkLiteral(FILE, Map.of("path", "/x", "stat", "file")))
                .singleElement()
                .asString()
                .contains("unknown parameter 'stat'")
                .contains("did you mean 'state'?");
    }

    @Test
    void missingRequiredAndBadChoiceAreBothReported() {
        assertThat(ArgBinder.checkLiteral(FILE, Map.of("state", "absnt")))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("missing required parameter 'path'"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains("must be one of [file, absent]")
                                        .contains("'absent'"));
    }

    @Test
    void expressionsAreCheckedOnlyOnceRendered() {
        assertThat(ArgBinder.checkLiteral(FILE, Map.of("path", "/x", "count", "${n}"))).isEmpty();
        assertThatThrownBy(
                        () -> ArgBinder.bindRendered(FILE, Map.of("path", "/x", "count", "many")))
                .hasMessageContaining("expected a whole number");
    }

    @Test
    void convertsTypesAndAppliesDefaultsAliasesAndFreeForm() {
        Args a =
                ArgBinder.bindRendered(
                        FILE,
                        Map.of(
                                Task.FREE_FORM,
                                "/etc/x",
                                "mode",
                                420L,
                                "count",
                                "3",
                                "force",
                                "yes",
                                "items",
                                "a, b"));
        assertThat(a.requireString("path")).isEqualTo("/etc/x");
        assertThat(a.requireString("mode")).isEqualTo("0644");
        assertThat(a.integer("count")).contains(3L);
        assertThat(a.bool("force")).isTrue();
        assertThat(a.list("items")).containsExactly("a", "b");
        assertThat(a.requireString("state")).isEqualTo("file");
        assertThat(ArgBinder.bindRendered(FILE, Map.of("dest", "/y")).requireString("path"))
                .isEqualTo("/y");
    }
}
