package io.ringmaster.builtin.bench;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code storage_bench}: measures a disk (an image file, a block device, or every disk of a domain)
 * in each QEMU aio mode with {@code qemu-img bench} and, when installed, fio. Read, plan, apply,
 * verify: read the host (tools, io_uring, the domain's definition, the paths), plan the jobs
 * (refusing anything unsafe), run them all in one exec, and report only what the tools printed.
 * Never changes anything ({@code changed} is always false), so it runs under {@code --check} too;
 * it writes only with {@code write} and {@code allow_write}, and never to a disk a defined domain
 * uses.
 */
public final class StorageBenchModule implements Module {

    @Override
    public String name() {
        return "storage_bench";
    }

    @Override
    public String description() {
        return "Measure a disk or a domain's disks per aio mode (io_uring, native, threads) with qemu-img bench and fio";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.optional("path", ParamType.STRING, "image file or block device to bench"),
                Param.optional(
                        "domain",
                        ParamType.STRING,
                        "libvirt domain: bench every disk of its definition"),
                Param.optional(
                        "uri",
                        ParamType.STRING,
                        "libvirt URI; default libvirt_uri or qemu:///system"),
                Param.optional("format", ParamType.STRING, "image format of path for qemu-img")
                        .withDefault("raw"),
                Param.optional("modes", ParamType.LIST, "aio modes: io_uring, native, threads")
                        .withDefault(Mode.ids()),
                Param.optional("ops", ParamType.INT, "requests per mode").withDefault(50_000L),
                Param.optional("queue_depth", ParamType.INT, "requests in flight").withDefault(32L),
                Param.optional("block_size", ParamType.INT, "bytes per request").withDefault(4096L),
                Param.optional(
                                "seconds",
                                ParamType.INT,
                                "time cap per mode; the run reports what it measured by then")
                        .withDefault(10L),
                Param.optional(
                                "tool",
                                ParamType.STRING,
                                "auto: qemu-img, plus fio when installed; fio: require fio")
                        .withDefault("auto")
                        .withChoices("auto", "qemu-img", "fio"),
                Param.optional("write", ParamType.BOOL, "bench writes (needs allow_write too)")
                        .withDefault(false),
                Param.optional(
                                "allow_write",
                                ParamType.BOOL,
                                "confirm that the target may be overwritten")
                        .withDefault(false),
                Param.optional(
                                "allow_running",
                                ParamType.BOOL,
                                "bench the disks of a running domain (competes with "
                                        + "the guest's I/O)")
                        .withDefault(false));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> literal) {
        return BenchValidation.problems(literal);
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        BenchSpec spec = BenchSpec.from(ctx.args(), ctx.vars());
        if (spec.write() && !spec.allowWrite()) {
            return ModuleResult.failed(
                    "refused to write on "
                            + ctx.host()
                            + ": write: true also needs allow_write: true "
                            + "(the benchmark overwrites "
                            + spec.path().or(spec::domain).orElse("the target")
                            + ")");
        }
        if (spec.writes() && ctx.checkMode()) {
            return new ModuleResult.Skipped(
                    "check mode: a write benchmark would change "
                            + spec.path().orElse("the target"));
        }
        ReadOutcome read = HostReader.read(ctx, spec);
        if (read instanceof ReadOutcome.Broken b) {
            return ModuleResult.failed(b.message());
        }
        HostFacts facts = ((ReadOutcome.Read) read).facts();
        BenchPlan plan = BenchPlan.of(spec, facts);
        if (!plan.failures().isEmpty()) {
            return new ModuleResult.Failed(
                    String.join("\n", plan.failures()), data(spec, facts, List.of(), plan));
        }
        return apply(ctx, spec, facts, plan);
    }

    private static ModuleResult apply(
            ModuleContext ctx, BenchSpec spec, HostFacts facts, BenchPlan plan)
            throws HostUnreachableException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!plan.jobs().isEmpty()) {
            Sections script = BenchScript.of(spec, plan.jobs());
            ExecResult r =
                    ctx.remote()
                            .exec(
                                    script.command(),
                                    null,
                                    BenchScript.timeout(spec, plan.jobs().size()));
            Map<String, Sections.Section> out = script.parse(r.stdout());
            for (int i = 0; i < plan.jobs().size(); i++) {
                JobOutcome o =
                        JobOutcome.of(ctx.host(), spec, plan.jobs().get(i), out.get("job:" + i));
                if (o instanceof JobOutcome.Measured m) {
                    rows.add(m.row());
                } else {
                    errors.add(((JobOutcome.Broken) o).message());
                }
            }
        }
        BenchResults results = BenchResults.of(rows);
        Map<String, Object> data = data(spec, facts, rows, plan);
        List<String> lines = new ArrayList<>(results.lines());
        lines.addAll(plan.notes());
        if (!errors.isEmpty()) {
            return new ModuleResult.Failed(String.join("\n", errors), data);
        }
        return new ModuleResult.Ok(
                lines.isEmpty() ? "nothing benched" : String.join("\n", lines), data);
    }

    private static Map<String, Object> data(
            BenchSpec spec, HostFacts facts, List<Row> rows, BenchPlan plan) {
        BenchResults results = BenchResults.of(rows);
        Map<String, Object> d = new LinkedHashMap<>();
        spec.path().ifPresent(p -> d.put("path", p));
        spec.domain().ifPresent(n -> d.put("domain", n));
        d.put("results", results.results());
        d.put("disks", results.disks());
        d.put("notes", plan.notes());
        d.put("io_uring_disabled", facts.ioUringDisabled());
        d.put("queue_depth", spec.queueDepth());
        d.put("block_size", spec.blockSize());
        d.put("write", spec.writes());
        return d;
    }

    static Duration readTimeout() {
        return Duration.ofSeconds(60);
    }
}
