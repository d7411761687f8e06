package io.ringmaster.builtin.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.command.Contexts;
import io.ringmaster.module.api.ModuleResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailModuleTest {

    private final FailModule module = new FailModule();

    @Test
    void failsWithTheDefaultMessage() {
        ModuleResult r = module.run(Contexts.of(module, Map.of(), null));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).isEqualTo("Failed as requested from task");
    }

    @Test
    void failsWithTheGivenMessage() {
        assertThat(module.run(Contexts.of(module, Map.of("msg", "disk too small"), null)).msg())
                .isEqualTo("disk too small");
        assertThat(module.supportsCheckMode()).isTrue();
    }
}
