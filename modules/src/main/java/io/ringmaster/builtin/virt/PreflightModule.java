package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.facts.FactProbe;
import io.ringmaster.builtin.support.Sections;
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
 * {@code preflight}: checks that a host can run io_uring-backed virtio disks (kernel, QEMU, libvirt
 * versions, io_uring enabled, /dev/kvm, libvirt reachable). Uses the facts from {@code setup} when
 * present, else gathers them in one exec. Never changes anything; fails with one message listing
 * every failed check.
 */
public final class PreflightModule implements Module {

    @Override
    public String name() {
        return "preflight";
    }

    @Override
    public boolean usesOnlyFacts() {
        return true;
    }

    @Override
    public String description() {
        return "Check kernel, QEMU, libvirt, io_uring and /dev/kvm before io_uring tuning (changes nothing)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.optional("min_kernel", ParamType.STRING, "lowest kernel for io_uring")
                        .withDefault("5.10"),
                Param.optional("min_qemu", ParamType.STRING, "lowest QEMU with aio=io_uring")
                        .withDefault("5.0"),
                Param.optional("min_libvirt", ParamType.STRING, "lowest libvirt with io='io_uring'")
                        .withDefault("6.3"),
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
    public List<String> validate(Map<String, Object> literalArgs) {
        List<String> problems = new ArrayList<>();
        for (String p : List.of("min_kernel", "min_qemu", "min_libvirt")) {
            Object v = literalArgs.get(p);
            if (v != null
                    && !String.valueOf(v).contains("$")
                    && !String.valueOf(v).matches("\\d+(\\.\\d+)*")) {
                problems.add(p + " must be a dotted version such as 5.10, not '" + v + "'");
            }
        }
        return problems;
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String uri =
                ctx.args()
                        .string("uri")
                        .or(
                                () ->
                                        Optional.ofNullable(ctx.vars().get("libvirt_uri"))
                                                .map(String::valueOf))
                        .filter(s -> !s.isBlank())
                        .orElse(FactProbe.DEFAULT_URI);
        Map<String, Object> facts = knownFacts(ctx, uri);
        boolean gathered = false;
        if (facts == null) {
            Sections script = FactProbe.script(uri);
            ExecResult r =
                    ctx.remote()
                            .exec(
                                    script.command(),
                                    null,
                                    ctx.remote().taskTimeout().orElse(Duration.ofSeconds(60)));
            if (r.timedOut()) {
                return new ModuleResult.Failed(
                        "preflight on "
                                + ctx.host()
                                + ": gathering the host's facts "
                                + r.timeoutMessage()
                                + " (a hung virsh or libvirtd is the usual cause: check 'virsh -c "
                                + uri
                                + " version' on the host)",
                        Map.of("timed_out", true));
            }
            facts = FactProbe.parse(script.parse(r.stdout()), uri);
            gathered = true;
        }
        List<String> failures =
                check(
                        ctx.host(),
                        facts,
                        need(ctx, "min_kernel", "5.10"),
                        need(ctx, "min_qemu", "5.0"),
                        need(ctx, "min_libvirt", "6.3"),
                        uri);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kernel", facts.getOrDefault("kernel", ""));
        data.put("qemu_version", facts.getOrDefault("qemu_version", ""));
        data.put("libvirt_version", facts.getOrDefault("libvirt_version", ""));
        data.put("failed_checks", failures);
        data.put("facts_gathered", gathered);
        if (!failures.isEmpty()) {
            return new ModuleResult.Failed(
                    "preflight failed on "
                            + ctx.host()
                            + " ("
                            + failures.size()
                            + " check"
                            + (failures.size() == 1 ? "" : "s")
                            + "):\n  - "
                            + String.join("\n  - ", failures),
                    data);
        }
        return new ModuleResult.Ok(
                "io_uring ready: kernel "
                        + facts.get("kernel")
                        + ", QEMU "
                        + facts.get("qemu_version")
                        + ", libvirt "
                        + facts.get("libvirt_version")
                        + ", io_uring enabled, /dev/kvm present",
                data);
    }

    private static Version need(ModuleContext ctx, String param, String dflt) {
        String v = ctx.args().string(param).orElse(dflt);
        return Version.parse(v)
                .orElseThrow(() -> new IllegalArgumentException(param + " is not a version: " + v));
    }

    /**
     * The facts from an earlier {@code setup} for the same URI, or null when they must be gathered.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> knownFacts(ModuleContext ctx, String uri) {
        Object f = ctx.vars().get("ansible_facts");
        if (f instanceof Map<?, ?> m
                && m.containsKey("kernel")
                && m.containsKey("libvirt_reachable")
                && uri.equals(String.valueOf(m.get("libvirt_uri")))) {
            return (Map<String, Object>) m;
        }
        return null;
    }

    /** Every failed check as one line: what was found, what is needed, what to do. */
    static List<String> check(
            String host,
            Map<String, Object> f,
            Version minKernel,
            Version minQemu,
            Version minLibvirt,
            String uri) {
        List<String> out = new ArrayList<>();
        String kernel = String.valueOf(f.getOrDefault("kernel", ""));
        Optional<Version> kv = Version.kernel(kernel);
        if (kv.isEmpty()) {
            out.add(
                    "kernel: could not read the kernel release on "
                            + host
                            + " (uname -r printed nothing); check the host");
        } else if (!kv.get().atLeast(minKernel)) {
            out.add(
                    "kernel "
                            + kernel
                            + " is older than "
                            + minKernel
                            + ": io_uring needs >= "
                            + minKernel
                            + "; upgrade the kernel or exclude this host with --limit '!"
                            + host
                            + "'");
        }
        int disabled = ((Number) f.getOrDefault("io_uring_disabled", 0)).intValue();
        if (disabled != 0) {
            out.add(
                    "io_uring is disabled on "
                            + host
                            + " (kernel.io_uring_disabled = "
                            + disabled
                            + "; "
                            + (disabled == 1
                                    ? "only members of kernel.io_uring_group may use it, QEMU is not"
                                    : "disabled for all")
                            + "): set it to 0 with 'sysctl -w kernel.io_uring_disabled=0' and persist it in /etc/sysctl.d/");
        }
        String qemu = String.valueOf(f.getOrDefault("qemu_version", ""));
        boolean reachable = Boolean.TRUE.equals(f.get("libvirt_reachable"));
        if (qemu.isEmpty() && !reachable) {
            // QEMU's version comes from libvirtd, else from the QEMU binary on the PATH: neither
            // answered, and the libvirt line below says what failed
            out.add(
                    "QEMU version unknown on "
                            + host
                            + ": no QEMU binary on the PATH, and libvirt, which reports the"
                            + " QEMU it runs, is unreachable; fix libvirt first (below)");
        } else if (qemu.isEmpty()) {
            out.add(
                    "QEMU not found on "
                            + host
                            + " (no qemu-system-x86_64, /usr/libexec/qemu-kvm or /usr/bin/qemu-kvm): "
                            + "install QEMU >= "
                            + minQemu
                            + " (Debian/Ubuntu: qemu-system-x86; EL: qemu-kvm)");
        } else if (!Version.parse(qemu).map(v -> v.atLeast(minQemu)).orElse(false)) {
            out.add(
                    "QEMU "
                            + qemu
                            + " is older than "
                            + minQemu
                            + ": aio=io_uring needs QEMU >= "
                            + minQemu
                            + "; upgrade QEMU or exclude this host with --limit '!"
                            + host
                            + "'");
        }
        String libvirt = String.valueOf(f.getOrDefault("libvirt_version", ""));
        if (!reachable) {
            out.add(
                    "libvirt unreachable on "
                            + host
                            + ": 'virsh -c "
                            + uri
                            + " version' failed; install libvirt-clients and "
                            + "start libvirtd (or fix libvirt_uri / the uri parameter)");
        } else if (!Version.parse(libvirt).map(v -> v.atLeast(minLibvirt)).orElse(false)) {
            out.add(
                    "libvirt "
                            + (libvirt.isEmpty() ? "(unknown version)" : libvirt)
                            + " is older than "
                            + minLibvirt
                            + ": io='io_uring' in <driver> needs libvirt >= "
                            + minLibvirt
                            + "; upgrade libvirt");
        }
        if (!Boolean.TRUE.equals(f.get("kvm_present"))) {
            out.add(
                    "/dev/kvm is missing on "
                            + host
                            + ": enable virtualisation in the firmware and load kvm_intel or kvm_amd");
        }
        return out;
    }
}
