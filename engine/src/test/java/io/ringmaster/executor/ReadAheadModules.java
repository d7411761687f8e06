package io.ringmaster.executor;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.module.api.ReadAhead;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fake modules for read-aheads: {@code reader} offers {@code read WHAT} and says whether its result
 * came ahead; {@code gather} is a setup that carries every read-ahead in its one exec; {@code
 * quiet} uses only facts, unless given a {@code cmd} to run.
 */
final class ReadAheadModules {
    /** The reader's read-ahead. */
    record Read(String what) implements ReadAhead {}

    private ReadAheadModules() {}

    static List<Module> all() {
        return List.of(new Reader(), new Gather(), new Quiet());
    }

    private abstract static class Base implements Module {
        @Override
        public String description() {
            return "a fake module for read-ahead tests";
        }

        @Override
        public boolean supportsCheckMode() {
            return true;
        }
    }

    private static final class Reader extends Base {
        @Override
        public String name() {
            return "reader";
        }

        @Override
        public List<Param> params() {
            return List.of(Param.required("what", ParamType.STRING, "what to read"));
        }

        @Override
        public Optional<ReadAhead> readAhead(ModuleContext ctx) {
            return Optional.of(new Read(ctx.args().requireString("what")));
        }

        @Override
        public ModuleResult run(ModuleContext ctx)
                throws HostUnreachableException, InterruptedException {
            Read want = new Read(ctx.args().requireString("what"));
            for (ReadAhead.Done d : ctx.remote().takeReadAheads()) {
                if (d.read().equals(want)) {
                    return new ModuleResult.Ok(
                            "ahead", Map.of("ahead", true, "out", d.result().stdout()));
                }
            }
            ExecResult r = ctx.remote().exec("read " + want.what());
            return new ModuleResult.Ok("read", Map.of("ahead", false, "out", r.stdout()));
        }
    }

    private static final class Gather extends Base {
        @Override
        public String name() {
            return "setup";
        }

        @Override
        public boolean returnsFacts() {
            return true;
        }

        @Override
        public List<Param> params() {
            return List.of();
        }

        @Override
        public ModuleResult run(ModuleContext ctx)
                throws HostUnreachableException, InterruptedException {
            StringBuilder cmd = new StringBuilder("gather");
            List<ReadAhead> ahead = ctx.remote().readAheads();
            ahead.forEach(a -> cmd.append("; read ").append(((Read) a).what()));
            ExecResult r = ctx.remote().exec(cmd.toString());
            ahead.forEach(a -> ctx.remote().readAheadDone(a, r));
            return new ModuleResult.Ok(
                    "facts", Map.of("ansible_facts", Map.of("os_family", "Debian")));
        }
    }

    private static final class Quiet extends Base {
        @Override
        public String name() {
            return "quiet";
        }

        @Override
        public List<Param> params() {
            return List.of(Param.optional("cmd", ParamType.STRING, "run on the host after all"));
        }

        @Override
        public boolean usesOnlyFacts() {
            return true;
        }

        @Override
        public ModuleResult run(ModuleContext ctx)
                throws HostUnreachableException, InterruptedException {
            if (ctx.args().has("cmd")) {
                ctx.remote().exec(ctx.args().requireString("cmd"));
            }
            return new ModuleResult.Ok("quiet", Map.of());
        }
    }
}
