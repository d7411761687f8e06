package io.ringmaster.builtin.system;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.module.api.Remote;
import io.ringmaster.module.api.Shell;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code reboot}: reads the boot id, starts {@code reboot_command} detached (so the
 * command's own channel is not what breaks), then waits until the host answers with a different
 * boot id and {@code test_command} succeeds, reconnecting through the run's connection pool (the
 * same host-key checks, keys and retries as the first connection); later tasks use the new session.
 * Fails after {@code reboot_timeout} seconds.
 */
public final class RebootModule implements Module {

    @Override
    public String name() {
        return "reboot";
    }

    @Override
    public String description() {
        return "Reboot the host and wait until it is back (new boot id, test_command succeeds)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.optional(
                                "reboot_timeout",
                                ParamType.INT,
                                "seconds to wait for the host to come back")
                        .withDefault(600L),
                Param.optional(
                                "connect_timeout",
                                ParamType.INT,
                                "seconds for one probe of the host")
                        .withDefault(5L),
                Param.optional(
                                "pre_reboot_delay",
                                ParamType.INT,
                                "seconds before the reboot command runs")
                        .withDefault(0L),
                Param.optional(
                                "post_reboot_delay",
                                ParamType.INT,
                                "seconds to wait after the host is back")
                        .withDefault(0L),
                Param.optional("msg", ParamType.STRING, "message for shutdown")
                        .withDefault("Reboot initiated by Ringmaster"),
                Param.optional(
                        "reboot_command",
                        ParamType.STRING,
                        "the command that reboots (default: shutdown -r now MSG)"),
                Param.optional(
                                "boot_time_command",
                                ParamType.STRING,
                                "prints something that changes with every boot")
                        .withDefault("cat /proc/sys/kernel/random/boot_id"),
                Param.optional(
                                "test_command",
                                ParamType.STRING,
                                "must succeed once the host is back")
                        .withDefault("whoami"));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        if (ctx.remote().isLocal()) {
            return fail(
                    ctx,
                    "refusing to reboot the control machine (the host uses the local connection)",
                    0);
        }
        if (ctx.checkMode()) {
            return new ModuleResult.Changed(
                    "would reboot", Map.of("rebooted", true, "elapsed", 0L), null);
        }
        String bootCmd = ctx.args().requireString("boot_time_command");
        ExecResult before = ctx.remote().exec(bootCmd);
        if (!before.ok() || before.stdout().isBlank()) {
            return fail(
                    ctx,
                    "boot_time_command '"
                            + bootCmd
                            + "' failed (rc "
                            + before.rc()
                            + ": "
                            + before.stderr().strip()
                            + "); give one that prints the boot id",
                    0);
        }
        long start = System.nanoTime();
        String cmd =
                ctx.args()
                        .string("reboot_command")
                        .orElse("shutdown -r now " + Shell.quote(ctx.args().requireString("msg")));
        String detached =
                "setsid sh -c "
                        + Shell.quote(
                                "sleep "
                                        + (1 + ctx.args().integer("pre_reboot_delay").orElse(0L))
                                        + "; "
                                        + cmd)
                        + " </dev/null >/dev/null 2>&1 &";
        ExecResult started = ctx.remote().exec(detached);
        if (!started.ok()) {
            return fail(ctx, "could not start the reboot command: " + started.stderr().strip(), 0);
        }
        long timeout = ctx.args().integer("reboot_timeout").orElse(600L);
        long elapsed;
        if (!waitForBoot(ctx, before.stdout().strip(), start, timeout)) {
            elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            return fail(
                    ctx,
                    "timed out after "
                            + timeout
                            + " s waiting for the host to come back (a new boot id"
                            + " from '"
                            + bootCmd
                            + "' and a working '"
                            + ctx.args().requireString("test_command")
                            + "'); raise reboot_timeout or check the host's console",
                    elapsed);
        }
        Thread.sleep(ctx.args().integer("post_reboot_delay").orElse(0L) * 1000);
        elapsed = (System.nanoTime() - start) / 1_000_000_000L;
        return new ModuleResult.Changed(
                "rebooted in " + elapsed + " s",
                Map.of("rebooted", true, "elapsed", elapsed),
                null);
    }

    /**
     * Probes once a second, each time on a freshly reopened session: the old one may be half dead
     * (a rebooting host does not always close it), and a channel on it can hang until its open
     * timeout.
     */
    private static boolean waitForBoot(ModuleContext ctx, String before, long start, long timeout)
            throws InterruptedException {
        Duration probe = Duration.ofSeconds(ctx.args().integer("connect_timeout").orElse(5L));
        long deadline = start + timeout * 1_000_000_000L;
        Remote r = ctx.remote();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            try {
                r = r.reconnect(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                ExecResult id = r.exec(ctx.args().requireString("boot_time_command"), null, probe);
                if (!id.ok()) {
                    continue;
                }
                if (!id.stdout().strip().equals(before)
                        && r.exec(ctx.args().requireString("test_command"), null, probe).ok()) {
                    return true;
                }
            } catch (HostUnreachableException e) {
                // not back yet: the next probe opens a new session again
            }
        }
        return false;
    }

    private static ModuleResult fail(ModuleContext ctx, String msg, long elapsed) {
        return new ModuleResult.Failed(
                "reboot on " + ctx.host() + ": " + msg,
                Map.of("rebooted", false, "elapsed", elapsed));
    }
}
