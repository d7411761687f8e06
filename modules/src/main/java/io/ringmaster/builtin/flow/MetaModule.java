package io.ringmaster.builtin.flow;

import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ansible's {@code meta}: {@code flush_handlers}, {@code end_host}, {@code end_batch}, {@code
 * end_play} and {@code noop}. The engine's strategy carries them out; this module declares the
 * actions (so a typo is refused before the run with a did-you-mean) and runs only to evaluate the
 * task's {@code when} per host.
 */
public final class MetaModule implements Module {

    @Override
    public String name() {
        return "meta";
    }

    @Override
    public String description() {
        return "Act on the play: flush_handlers, end_host, end_batch, end_play, noop";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required("action", ParamType.STRING, "what to do")
                        .withChoices(
                                "flush_handlers", "end_host", "end_batch", "end_play", "noop"));
    }

    @Override
    public Optional<String> freeFormParam() {
        return Optional.of("action");
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) {
        return new ModuleResult.Ok("", Map.of("meta", ctx.args().requireString("action")));
    }
}
