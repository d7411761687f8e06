package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.facts.SetupModule;
import io.ringmaster.builtin.fixtures.LocalRemote;
import io.ringmaster.builtin.fixtures.TestExpressions;
import io.ringmaster.module.api.ModuleResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** setup and preflight against this machine (real uname, /proc, QEMU, libvirtd), one exec each. */
class VirtSetupIT {

    @Test
    @SuppressWarnings("unchecked")
    void gathersRealFactsInOneExecAndPreflightUsesThem() throws Exception {
        LocalRemote remote = new LocalRemote();
        SetupModule setup = new SetupModule();
        long t0 = System.nanoTime();
        ModuleResult r = setup.run(Contexts.of(setup, Map.of(), remote, false, false));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(remote.commands()).hasSize(1);
        long t1 = System.nanoTime();
        setup.run(Contexts.of(setup, Map.of(), remote, false, false));
        System.err.println(
                "[timing] setup again (warm JVM): " + (System.nanoTime() - t1) / 1_000_000 + " ms");
        remote.clear();
        Map<String, Object> f = (Map<String, Object>) r.data().get("ansible_facts");
        System.err.println("[timing] setup: " + ms + " ms, facts " + f);
        assertThat(f.values()).doesNotContainNull();
        assertThat((String) f.get("kernel_version")).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(f)
                .containsEntry("kvm_present", true)
                .containsEntry("libvirt_reachable", true)
                .containsEntry("io_uring_disabled", 0);
        assertThat((String) f.get("qemu_version")).startsWith("7.2");
        assertThat((String) f.get("libvirt_version")).isEqualTo("9.0.0");
        assertThat((List<Integer>) f.get("host_cpus")).isNotEmpty();

        remote.clear();
        PreflightModule p = new PreflightModule();
        ModuleResult ok =
                p.run(
                        Contexts.of(
                                p,
                                Map.of(),
                                Map.of("ansible_facts", f),
                                remote,
                                List.of(TestExpressions.projectTemplates()),
                                false,
                                false));
        assertThat(ok).as(ok.msg()).isInstanceOf(ModuleResult.Ok.class);
        assertThat(remote.commands()).isEmpty();
        ModuleResult gathered =
                p.run(Contexts.of(p, Map.of("min_kernel", "99.0"), remote, false, false));
        assertThat(gathered).isInstanceOf(ModuleResult.Failed.class);
        assertThat(gathered.msg()).contains("is older than 99.0: io_uring needs >= 99.0");
        assertThat(remote.commands()).hasSize(1);
    }
}
