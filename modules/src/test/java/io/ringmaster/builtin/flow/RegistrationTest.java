package io.ringmaster.builtin.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.module.api.Module;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void coreModulesAreFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Module.class).stream().map(p -> p.get().name()))
                .contains("command", "shell", "assert", "debug", "set_fact", "fail");
    }
}
