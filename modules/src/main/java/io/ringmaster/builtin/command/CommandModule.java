package io.ringmaster.builtin.command;

import io.ringmaster.module.api.Args;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.module.api.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ansible's {@code command}: runs a program with arguments and no shell. The command is given free
 * form ({@code command: ls -l /tmp}, also as {@code cmd:}), split into words like Python's {@code
 * shlex.split}, or as {@code argv:} (a list, used as is). Every word reaches the program literally:
 * the host's shell sees only quoted words, so {@code |}, {@code ;}, {@code $(...)}, {@code $HOME}
 * and {@code *} are not interpreted (use {@code shell} for that). Legacy words {@code chdir=},
 * {@code creates=} and {@code removes=} at the start or end of the free-form command are read as
 * those options (see {@link LegacyOptions}).
 *
 * <p>Reports changed whenever the command runs (as Ansible does; use {@code changed_when}), ok when
 * {@code creates}/{@code removes} skip it, failed with {@code non-zero return code} when it exits
 * non-zero. The result holds {@code cmd} (the argv), {@code rc}, {@code stdout}, {@code stderr},
 * {@code stdout_lines}, {@code stderr_lines}, {@code start}, {@code end} and {@code delta}, timed
 * on the control machine.
 */
public final class CommandModule implements Module {

    static final Set<String> LEGACY_KEYS = Set.of("chdir", "creates", "removes");

    @Override
    public String name() {
        return "command";
    }

    @Override
    public String description() {
        return "Runs a program with arguments on the host, without a shell";
    }

    @Override
    public List<Param> params() {
        return CommandParams.with(
                Param.optional(
                        "cmd", ParamType.STRING, "The command line, split into words (free form)"),
                Param.optional(
                        "argv",
                        ParamType.LIST,
                        "The program and its arguments as a list; instead of cmd"));
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
        boolean hasCmd = literalArgs.get("cmd") != null;
        boolean hasArgv = literalArgs.get("argv") != null;
        if (hasCmd && hasArgv) {
            return List.of(
                    "command takes either a command line (cmd or free form) or argv, not both; keep one");
        }
        if (!hasCmd && !hasArgv) {
            return List.of(
                    "command needs a command to run: write 'command: ls -l' or give argv: [ls, -l]");
        }
        return List.of();
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        Args args = ctx.args();
        LegacyOptions legacy = LegacyOptions.parse(args.string("cmd").orElse(""), LEGACY_KEYS);
        List<String> argv;
        try {
            argv =
                    args.has("argv")
                            ? strings(args.list("argv"))
                            : Shell.split(legacy.rest(), false);
        } catch (IllegalArgumentException e) {
            return ModuleResult.failed(
                    "cannot split the command for "
                            + ctx.host()
                            + ": "
                            + e.getMessage()
                            + "; fix the quoting, or give the words as argv: [...]");
        }
        if (argv.isEmpty()) {
            return ModuleResult.failed(
                    "no command to run on "
                            + ctx.host()
                            + ": the command line is empty;"
                            + " give a program, e.g. 'command: ls -l'");
        }
        if (argv.get(0).startsWith("-")) {
            return ModuleResult.failed(
                    "the program name '"
                            + argv.get(0)
                            + "' starts with '-' on "
                            + ctx.host()
                            + "; give the program first, then its options");
        }
        try {
            return new GuardedRun(
                            ctx.host(),
                            payload(argv),
                            argv,
                            legacy.resolve(args, "chdir"),
                            legacy.resolve(args, "creates"),
                            legacy.resolve(args, "removes"),
                            stdin(args),
                            args.bool("strip_empty_ends"))
                    .runOrPredict(ctx.remote(), ctx.checkMode());
        } catch (IllegalArgumentException e) {
            return ModuleResult.failed(e.getMessage() + " (task on " + ctx.host() + ")");
        }
    }

    /**
     * {@code exec 'prog' args...}: the program word is always single-quoted so that no word can
     * become a shell keyword ({@code if}), an assignment ({@code A=b}) or a function; {@code exec}
     * skips shell builtins.
     */
    static String payload(List<String> argv) {
        String program = "'" + argv.get(0).replace("'", "'\"'\"'") + "'";
        List<String> rest = argv.subList(1, argv.size());
        return "exec " + program + (rest.isEmpty() ? "" : " " + Shell.join(rest));
    }

    /** The stdin text with Ansible's {@code stdin_add_newline}, or null when none is given. */
    static String stdin(Args args) {
        return args.string("stdin")
                .map(s -> args.bool("stdin_add_newline") ? s + "\n" : s)
                .orElse(null);
    }

    private static List<String> strings(List<Object> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(String.valueOf(v));
        }
        return List.copyOf(out);
    }
}
