package io.ringmaster.builtin.command;

import io.ringmaster.module.api.Args;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.module.api.Shell;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ansible's {@code shell}: runs a command line through a shell on the host, so pipes, redirections,
 * variables and globs work. The line goes to {@code /bin/sh -c} as it is, or to {@code EXECUTABLE
 * -c} when {@code executable} is set (e.g. {@code /bin/bash}). Legacy words {@code chdir=}, {@code
 * creates=}, {@code removes=} and {@code executable=} at the start or end of the free-form line are
 * read as those options (see {@link LegacyOptions}). Results are as for {@link CommandModule}, with
 * {@code cmd} the command line.
 */
public final class ShellModule implements Module {

    static final Set<String> LEGACY_KEYS = Set.of("chdir", "creates", "removes", "executable");

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public String description() {
        return "Runs a command line through a shell on the host";
    }

    @Override
    public List<Param> params() {
        return CommandParams.with(
                Param.optional(
                        "cmd", ParamType.STRING, "The command line, run by the shell (free form)"),
                Param.optional(
                        "executable",
                        ParamType.STRING,
                        "The shell to use instead of /bin/sh, e.g. /bin/bash"));
    }

    /**
     * Under --check the guards (creates/removes) predict whether the command would run; see
     * GuardedRun.
     */
    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public Optional<String> freeFormParam() {
        return Optional.of("cmd");
    }

    @Override
    public List<String> validate(Map<String, Object> literalArgs) {
        if (literalArgs.get("cmd") == null) {
            return List.of("shell needs a command line: write 'shell: ls | wc -l' or give cmd:");
        }
        return List.of();
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        Args args = ctx.args();
        LegacyOptions legacy = LegacyOptions.parse(args.string("cmd").orElse(""), LEGACY_KEYS);
        if (legacy.rest().isBlank()) {
            return ModuleResult.failed(
                    "no command to run on "
                            + ctx.host()
                            + ": the command line is empty;"
                            + " give one, e.g. 'shell: ls | wc -l'");
        }
        try {
            Optional<String> chdir = legacy.resolve(args, "chdir");
            Optional<String> creates = legacy.resolve(args, "creates");
            Optional<String> removes = legacy.resolve(args, "removes");
            Optional<String> executable = legacy.resolve(args, "executable");
            boolean guarded = chdir.isPresent() || creates.isPresent() || removes.isPresent();
            String payload = payload(legacy.rest(), executable, guarded);
            return new GuardedRun(
                            ctx.host(),
                            payload,
                            legacy.rest(),
                            chdir,
                            creates,
                            removes,
                            CommandModule.stdin(args),
                            args.bool("strip_empty_ends"))
                    .runOrPredict(ctx.remote(), ctx.checkMode());
        } catch (IllegalArgumentException e) {
            return ModuleResult.failed(e.getMessage() + " (task on " + ctx.host() + ")");
        }
    }

    /**
     * The line itself when nothing wraps it (the host already runs it with {@code /bin/sh -c});
     * otherwise a nested {@code exec SHELL -c 'line'}, so the line is parsed on its own, after the
     * guards.
     */
    static String payload(String line, Optional<String> executable, boolean guarded) {
        if (executable.isPresent()) {
            return "exec " + Shell.quote(executable.get()) + " -c " + Shell.quote(line);
        }
        return guarded ? "exec /bin/sh -c " + Shell.quote(line) : line;
    }
}
