package io.ringmaster.builtin.flow;

import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.util.List;

/** Ansible's {@code fail}: fails the host with a message, usually under a {@code when}. */
public final class FailModule implements Module {

    static final String DEFAULT_MSG = "Failed as requested from task";

    @Override
    public String name() {
        return "fail";
    }

    @Override
    public boolean usesOnlyFacts() {
        return true;
    }

    @Override
    public String description() {
        return "Fails the host with a custom message";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.optional("msg", ParamType.STRING, "The failure message")
                        .withDefault(DEFAULT_MSG));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) {
        return ModuleResult.failed(ctx.args().string("msg").orElse(DEFAULT_MSG));
    }
}
