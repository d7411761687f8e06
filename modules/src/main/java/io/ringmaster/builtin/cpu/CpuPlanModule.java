package io.ringmaster.builtin.cpu;

import io.ringmaster.builtin.facts.FactProbe;
import io.ringmaster.builtin.support.Version;
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
import java.util.Optional;

/**
 * {@code cpu_plan}: the CPU and memory placement of a host's VMs from its real topology (see {@link
 * CpuPlanner}). Reads the host at most once (its existing domains' pins, and the /sys facts when
 * setup did not run); changes nothing.
 */
public final class CpuPlanModule implements Module {

    @Override
    public String name() {
        return "cpu_plan";
    }

    @Override
    public String description() {
        return "Plan vCPU, IOThread, emulator and memory placement per VM from the host's NUMA/SMT topology (changes nothing)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required(
                        "vms",
                        ParamType.LIST,
                        "the VMs (kvm_vms shape: name, vcpus, memory_mib, iothreads, disks, "
                                + "and optionally vcpu_pins / emulator_cpuset / iothreads cpusets, which win)"),
                Param.optional(
                        "housekeeping",
                        ParamType.STRING,
                        "host CPUs for the host and emulator threads; default the "
                                + "first core with its siblings, or the non-isolated CPUs when isolcpus/nohz_full is set"),
                Param.optional(
                        "topology",
                        ParamType.MAP,
                        "plan for a host described by hand: {nodes: [{id, memory_mib, "
                                + "cores: [[0, 16], ...]}], devices: {PATH: node}}; default the numa_topology fact"),
                Param.optional(
                        "current",
                        ParamType.MAP,
                        "placements to keep {NAME: {vcpu_pins, iothread_pins}}; default "
                                + "read from the host's existing domains"),
                Param.optional(
                                "overcommit",
                                ParamType.BOOL,
                                "share cores deliberately (and say so) when a VM does not fit")
                        .withDefault(false),
                Param.optional(
                                "other_domains",
                                ParamType.STRING,
                                "existing domains not in vms: avoid their cores, or "
                                        + "ignore them (lab hosts sharing one libvirtd)")
                        .withDefault("avoid")
                        .withChoices("avoid", "ignore"),
                Param.optional(
                                "dedicated_iothreads",
                                ParamType.BOOL,
                                "a core of its own for each VM's IOThreads while "
                                        + "there is room (else one shared IOThread core per node)")
                        .withDefault(true),
                Param.optional(
                        "pool_path",
                        ParamType.STRING,
                        "directory of the pool holding disks given as volume (to find "
                                + "their device's NUMA node)"),
                Param.optional(
                        "uri",
                        ParamType.STRING,
                        "libvirt URI; default libvirt_uri or qemu:///system"));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        try {
            PlacementRead host = PlacementRead.read(ctx, uri(ctx));
            PlanInput in = input(ctx, host);
            PlanOutcome o = CpuPlanner.plan(in);
            if (o instanceof PlanOutcome.Refused r) {
                return new ModuleResult.Failed(
                        "cpu_plan on " + ctx.host() + ": " + r.message(), Map.of());
            }
            return ok((PlanOutcome.Planned) o, in, host);
        } catch (IllegalArgumentException e) {
            return new ModuleResult.Failed(
                    "cpu_plan on " + ctx.host() + ": " + e.getMessage(), Map.of());
        }
    }

    private static PlanInput input(ModuleContext ctx, PlacementRead host) {
        Optional<String> pool = ctx.args().string("pool_path").filter(s -> !s.isBlank());
        List<VmRequest> vms = new ArrayList<>();
        for (Object o : ctx.args().list("vms")) {
            if (!(o instanceof Map<?, ?> m) || m.get("name") == null) {
                throw new IllegalArgumentException(
                        "every entry of vms needs a name and vcpus, got '" + o + "'");
            }
            vms.add(VmRequest.fromMap(m, pool));
        }
        Map<String, Placement> ours = new LinkedHashMap<>();
        Map<String, Placement> others = new LinkedHashMap<>();
        host.current()
                .forEach(
                        (name, p) -> {
                            if (vms.stream().anyMatch(v -> v.name().equals(name))) {
                                ours.put(name, p);
                            } else if ("avoid"
                                    .equals(ctx.args().string("other_domains").orElse("avoid"))) {
                                others.put(name, p);
                            }
                        });
        String hk = ctx.args().string("housekeeping").orElse("").trim();
        return new PlanInput(
                host.topology(),
                hk.isEmpty()
                        ? PlanInput.defaultHousekeeping(host.topology(), host.isolated())
                        : CpuSet.parse(hk),
                vms,
                ours,
                others,
                ctx.args().bool("overcommit"),
                ctx.args().bool("dedicated_iothreads"));
    }

    private static ModuleResult ok(PlanOutcome.Planned p, PlanInput in, PlacementRead host) {
        Map<String, Object> plan = new LinkedHashMap<>();
        p.plan().forEach((k, v) -> plan.put(k, v.toMap()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("plan", plan);
        data.put("free", p.free());
        data.put("housekeeping", CpuSet.format(in.housekeeping()));
        data.put("notes", p.notes());
        data.put("virtqueue_mapping", host.virtqueueMapping());
        String msg =
                "placed "
                        + plan.size()
                        + " VM"
                        + (plan.size() == 1 ? "" : "s")
                        + " on "
                        + in.topology().nodes().size()
                        + " NUMA node"
                        + (in.topology().nodes().size() == 1 ? "" : "s")
                        + "; free CPUs: "
                        + (p.free().isEmpty() ? "none" : CpuSet.format(p.free()))
                        + (p.notes().isEmpty() ? "" : "; " + String.join("; ", p.notes()));
        return new ModuleResult.Ok(msg, data);
    }

    static String uri(ModuleContext ctx) {
        return ctx.args()
                .string("uri")
                .or(() -> Optional.ofNullable(ctx.vars().get("libvirt_uri")).map(String::valueOf))
                .filter(s -> !s.isBlank())
                .orElse(FactProbe.DEFAULT_URI);
    }

    /**
     * libvirt >= 10.0 with QEMU >= 9.0 serve one disk from several IOThreads (virtqueue mapping).
     */
    static boolean virtqueueMapping(Map<?, ?> facts) {
        return at(facts.get("libvirt_version"), "10.0") && at(facts.get("qemu_version"), "9.0");
    }

    private static boolean at(Object have, String need) {
        Optional<Version> v = Version.parse(String.valueOf(have == null ? "" : have));
        return v.isPresent() && v.get().atLeast(Version.parse(need).orElseThrow());
    }

    static Duration timeout() {
        return Duration.ofSeconds(60);
    }

    static ExecResult exec(ModuleContext ctx, String script)
            throws HostUnreachableException, InterruptedException {
        return ctx.remote().exec(script, null, timeout());
    }
}
