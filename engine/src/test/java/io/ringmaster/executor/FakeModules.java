package io.ringmaster.executor;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small fake modules that record every call, for executor tests.
 *
 * <ul>
 *   <li>{@code fake}: ok by default; {@code status: changed|failed|ok}, {@code fail_on}/{@code
 *       change_on} host lists, {@code value} (any value, rendered) echoed as data {@code value},
 *       {@code cmd} run on the host (rc and stdout in data, non-zero rc fails), {@code
 *       attempts_needed}: fails until the n-th call on that host, with data {@code attempt};
 *       supports check mode.
 *   <li>{@code nocheck}: as {@code fake}, without check mode support.
 *   <li>{@code setup}: facts {@code os_family} and {@code kernel}.
 *   <li>{@code set_fact}: any keys, returned as {@code ansible_facts}.
 *   <li>{@code stop}: sets the run's stop flag (Ctrl-C) and reports ok.
 *   <li>{@code meta}: declares the meta actions as the real module does (the executor carries them
 *       out).
 * </ul>
 */
final class FakeModules {
    /** One module call: which module, on which host, with which (rendered, bound) arguments. */
    record Call(String module, String host, Map<String, Object> args, boolean checkMode) {}

    final List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean stopFlag = new AtomicBoolean();

    /**
     * With {@link ReadAheadModules} (their setup carries read-aheads) instead of the fake setup.
     */
    boolean readAheads;

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    ModuleRegistry registry(boolean withSetup) {
        List<Module> modules =
                new ArrayList<>(
                        List.of(
                                new Fake("fake", true),
                                new Fake("nocheck", false),
                                new SetFact(),
                                new Stop(),
                                new Needs(),
                                new MetaFake()));
        if (readAheads) {
            modules.addAll(ReadAheadModules.all());
        } else if (withSetup) {
            modules.add(new Setup());
        }
        return new ModuleRegistry(modules);
    }

    List<Call> calls(String module) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.module().equals(module)).toList();
        }
    }

    List<String> hostsCalled(String module) {
        return calls(module).stream().map(Call::host).toList();
    }

    private void record(String module, ModuleContext ctx) {
        calls.add(new Call(module, ctx.host(), ctx.args().values(), ctx.checkMode()));
    }

    private final class Fake implements Module {
        private final String name;
        private final boolean check;

        Fake(String name, boolean check) {
            this.name = name;
            this.check = check;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "a fake module for tests";
        }

        @Override
        public List<Param> params() {
            return List.of(
                    Param.optional("status", ParamType.STRING, "result")
                            .withChoices("ok", "changed", "failed")
                            .withDefault("ok"),
                    Param.optional("msg", ParamType.STRING, "message"),
                    Param.optional("value", ParamType.RAW, "echoed as data.value"),
                    Param.optional(
                            "extra_data", ParamType.MAP, "added to the result's data as it is"),
                    Param.optional("fail_on", ParamType.LIST, "hosts that fail"),
                    Param.optional("change_on", ParamType.LIST, "hosts that change"),
                    Param.optional("cmd", ParamType.STRING, "command run on the host"),
                    Param.optional(
                            "attempts_needed", ParamType.INT, "fails until this call on a host"));
        }

        @Override
        public boolean supportsCheckMode() {
            return check;
        }

        @Override
        public ModuleResult run(ModuleContext ctx)
                throws HostUnreachableException, InterruptedException {
            record(name, ctx);
            Map<String, Object> data = new LinkedHashMap<>();
            data.putAll(ctx.args().map("extra_data"));
            if (ctx.args().has("value")) {
                data.put("value", ctx.args().raw("value"));
            }
            data.put("step_timeout_ms", ctx.remote().stepTimeout().toMillis());
            String status = ctx.args().requireString("status");
            if (ctx.args().list("change_on").contains(ctx.host())) {
                status = "changed";
            }
            if (ctx.args().list("fail_on").contains(ctx.host())) {
                status = "failed";
            }
            if (ctx.args().has("cmd")) {
                ExecResult r = ctx.remote().exec(ctx.args().requireString("cmd"));
                data.put("rc", r.rc());
                data.put("stdout", r.stdout());
                if (r.rc() != 0) {
                    status = "failed";
                }
            }
            if (ctx.args().has("attempts_needed")) {
                int n =
                        attempts.computeIfAbsent(name + "@" + ctx.host(), k -> new AtomicInteger())
                                .incrementAndGet();
                data.put("attempt", n);
                if (n < ctx.args().integer("attempts_needed").orElseThrow()) {
                    status = "failed";
                }
            }
            String msg = ctx.args().string("msg").orElse(status);
            return switch (status) {
                case "changed" -> new ModuleResult.Changed(msg, data, null);
                case "failed" -> new ModuleResult.Failed(msg, data);
                default -> new ModuleResult.Ok(msg, data);
            };
        }
    }

    private final class Setup implements Module {
        @Override
        public boolean returnsFacts() {
            return true;
        }

        @Override
        public String name() {
            return "setup";
        }

        @Override
        public String description() {
            return "fake facts";
        }

        @Override
        public List<Param> params() {
            return List.of();
        }

        @Override
        public boolean supportsCheckMode() {
            return true;
        }

        @Override
        public ModuleResult run(ModuleContext ctx) {
            record("setup", ctx);
            return new ModuleResult.Ok(
                    "facts",
                    Map.of(
                            "ansible_facts",
                            Map.of("os_family", "Debian", "kernel", "6.1." + ctx.host())));
        }
    }

    private final class SetFact implements Module {
        @Override
        public boolean returnsFacts() {
            return true;
        }

        @Override
        public String name() {
            return "set_fact";
        }

        @Override
        public String description() {
            return "fake set_fact";
        }

        @Override
        public List<Param> params() {
            return List.of(Param.optional("*", ParamType.RAW, "any"));
        }

        @Override
        public boolean supportsCheckMode() {
            return true;
        }

        @Override
        public ModuleResult run(ModuleContext ctx) {
            record("set_fact", ctx);
            return new ModuleResult.Ok("", Map.of("ansible_facts", ctx.args().values()));
        }
    }

    /** {@code needs}: one required parameter {@code name}, for validation tests. */
    private static final class Needs implements Module {
        @Override
        public String name() {
            return "needs";
        }

        @Override
        public String description() {
            return "requires a name";
        }

        @Override
        public List<Param> params() {
            return List.of(
                    Param.required("name", ParamType.STRING, "required"),
                    Param.optional("count", ParamType.INT, "a number"));
        }

        @Override
        public ModuleResult run(ModuleContext ctx) {
            return ModuleResult.ok("");
        }
    }

    private final class Stop implements Module {
        @Override
        public String name() {
            return "stop";
        }

        @Override
        public String description() {
            return "presses Ctrl-C";
        }

        @Override
        public List<Param> params() {
            return List.of();
        }

        @Override
        public ModuleResult run(ModuleContext ctx) {
            record("stop", ctx);
            stopFlag.set(true);
            return ModuleResult.ok("stop requested");
        }
    }

    /** {@code meta}, declared as modules' MetaModule declares it. */
    private static final class MetaFake implements Module {
        @Override
        public String name() {
            return "meta";
        }

        @Override
        public String description() {
            return "meta actions";
        }

        @Override
        public List<Param> params() {
            return List.of(
                    Param.required("action", ParamType.STRING, "what to do")
                            .withChoices(
                                    "flush_handlers", "end_host", "end_batch", "end_play", "noop"));
        }

        @Override
        public java.util.Optional<String> freeFormParam() {
            return java.util.Optional.of("action");
        }

        @Override
        public boolean supportsCheckMode() {
            return true;
        }

        @Override
        public ModuleResult run(ModuleContext ctx) {
            return ModuleResult.ok("");
        }
    }
}
