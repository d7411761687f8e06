package io.ringmaster.builtin.flow;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code ping}: proves the host is reachable and runs a command (a shell, where Ansible
 * checks Python), returning {@code ping: pong} (or {@code data}); {@code data: crash} fails, as in
 * Ansible.
 */
public final class PingModule implements Module {

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public String description() {
        return "Check that the host is reachable and runs commands; returns ping: pong";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.optional(
                                "data",
                                ParamType.STRING,
                                "the value returned as ping; 'crash' fails")
                        .withDefault("pong"));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String data = ctx.args().string("data").orElse("pong");
        if (data.equals("crash")) {
            return new ModuleResult.Failed(
                    "ping on " + ctx.host() + ": boom (data=crash asks ping to fail)", Map.of());
        }
        ExecResult r = ctx.remote().exec("echo ok");
        if (!r.ok() || !r.stdout().strip().equals("ok")) {
            return new ModuleResult.Failed(
                    "ping on "
                            + ctx.host()
                            + ": the host's shell did not run a command (rc "
                            + r.rc()
                            + ": "
                            + r.stderr().strip()
                            + "); check the login shell of the user",
                    Map.of());
        }
        return new ModuleResult.Ok("", Map.of("ping", data));
    }
}
