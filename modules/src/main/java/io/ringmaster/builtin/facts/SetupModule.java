package io.ringmaster.builtin.facts;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.VirshRead;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code setup}: gathers the host facts (kernel, memory, CPUs, io_uring, KVM, QEMU, libvirt, CPU
 * topology and NUMA cells) in one remote exec and returns them as {@code ansible_facts}. Changes
 * nothing.
 */
public final class SetupModule implements Module {

    @Override
    public String name() {
        return "setup";
    }

    @Override
    public String description() {
        return "Gather host facts (OS, kernel, memory, CPUs, NUMA, io_uring, KVM, QEMU, libvirt) in one exec";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.optional(
                        "uri",
                        ParamType.STRING,
                        "libvirt URI to query; default the host variable libvirt_uri, else qemu:///system"));
    }

    @Override
    public boolean returnsFacts() {
        return true;
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String uri = uri(ctx);
        // a later task's read on the same libvirt (virt_domain's), run in this exec's virsh
        // process: one exec channel and one virsh process per host less
        VirshRead ahead =
                ctx.remote().readAheads().stream()
                        .filter(a -> a instanceof VirshRead v && v.uri().equals(uri))
                        .map(VirshRead.class::cast)
                        .findFirst()
                        .orElse(null);
        Sections script = FactProbe.script(uri, ahead);
        byte[] stdin =
                ahead == null || ahead.stdin() == null
                        ? null
                        : ahead.stdin().getBytes(StandardCharsets.UTF_8);
        ExecResult r =
                ctx.remote()
                        .exec(
                                script.command(),
                                stdin,
                                Duration.ofSeconds(ahead == null ? 60 : 180));
        if (ahead != null) {
            ctx.remote().readAheadDone(ahead, r);
        }
        Map<String, Sections.Section> sections = script.parse(r.stdout());
        if (!sections.containsKey("kernel")) {
            return new ModuleResult.Failed(
                    "setup on "
                            + ctx.host()
                            + ": the fact script printed nothing usable (rc "
                            + r.rc()
                            + ", stderr: "
                            + r.stderr().strip()
                            + "); check that /bin/sh works on the host",
                    Map.of());
        }
        Map<String, Object> facts = FactProbe.parse(sections, uri);
        return new ModuleResult.Ok(
                "gathered " + facts.size() + " facts", Map.of("ansible_facts", facts));
    }

    /**
     * The URI: the task's {@code uri}, else the host variable {@code libvirt_uri}, else the
     * default.
     */
    static String uri(ModuleContext ctx) {
        return ctx.args()
                .string("uri")
                .or(
                        () ->
                                java.util.Optional.ofNullable(ctx.vars().get("libvirt_uri"))
                                        .map(String::valueOf))
                .filter(s -> !s.isBlank())
                .orElse(FactProbe.DEFAULT_URI);
    }
}
