package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.facts.SetupModule;
import io.ringmaster.builtin.fixtures.LocalRemote;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostLock;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.ReadAhead;
import io.ringmaster.module.api.Remote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * virt_domain's read made ahead, inside setup's exec and virsh process, against the REAL local
 * libvirtd (the engine's part, offering and handing back, is done here by hand as {@code
 * ReadAheadTest} shows the executor doing it): it decides exactly what the task's own read decides,
 * with no exec of the task's own, and it is not used when the definition asked for changed since,
 * or when an earlier restart's outcome is waiting to be reported.
 */
class ReadAheadIT {
    private final LocalRemote local = new LocalRemote();
    private final VirtDomainIT domains = new VirtDomainIT();

    /** The engine's half: read-aheads offered for this task, and their results. */
    private final class Carrying implements Remote {
        final List<ReadAhead> pending = new ArrayList<>();
        final List<ReadAhead.Done> done = new ArrayList<>();

        @Override
        public ExecResult exec(String command, byte[] stdin, Duration timeout)
                throws InterruptedException, HostUnreachableException {
            return local.exec(command, stdin, timeout);
        }

        @Override
        public void upload(byte[] content, String path, String mode)
                throws HostUnreachableException, InterruptedException {
            local.upload(content, path, mode);
        }

        @Override
        public boolean isLocal() {
            return false;
        }

        @Override
        public HostLock lock(String lockFile, Duration wait) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ReadAhead> readAheads() {
            return List.copyOf(pending);
        }

        @Override
        public void readAheadDone(ReadAhead read, ExecResult result) {
            pending.remove(read);
            done.add(new ReadAhead.Done(read, result));
        }

        @Override
        public List<ReadAhead.Done> takeReadAheads() {
            List<ReadAhead.Done> out = List.copyOf(done);
            done.clear();
            return out;
        }
    }

    @BeforeAll
    static void libvirt() throws Exception {
        VirtDomainIT.libvirt();
    }

    @AfterEach
    void cleanUp() throws Exception {
        domains.cleanUp();
    }

    private Map<String, Object> args(String name, int memMib) {
        Map<String, Object> a = new HashMap<>();
        a.put("name", name);
        a.put("template", "domain-io_uring.xml.vm");
        a.put("vars", VirtDomainIT.vars(name, memMib));
        return a;
    }

    /**
     * Offers the read for {@code offered}, runs setup carrying it, then the task with {@code run}.
     */
    private ModuleResult aheadThenRun(Map<String, Object> offered, Map<String, Object> run)
            throws Exception {
        VirtDomainModule m = new VirtDomainModule();
        Carrying remote = new Carrying();
        remote.pending.add(
                m.readAhead(Contexts.of(m, offered, remote, false, false)).orElseThrow());
        SetupModule setup = new SetupModule();
        ModuleResult facts = setup.run(Contexts.of(setup, Map.of(), remote, false, false));
        assertThat(facts).as(facts.msg()).isInstanceOf(ModuleResult.Ok.class);
        assertThat(facts.data().toString()).contains("libvirt_reachable=true");
        assertThat(remote.pending).as("setup carried the read").isEmpty();
        local.clear();
        return m.run(Contexts.of(m, run, remote, false, false));
    }

    @Test
    void theReadMadeAheadDecidesTheNoChangeRunWithoutAnExecOfItsOwn() throws Exception {
        String n = domains.domain("ahead");
        Map<String, Object> a = args(n, 128);
        ModuleResult first = aheadThenRun(a, a);
        assertThat(first).as(first.msg()).isInstanceOf(ModuleResult.Changed.class);
        ModuleResult second = aheadThenRun(a, a);
        assertThat(second).as(second.msg()).isInstanceOf(ModuleResult.Ok.class);
        assertThat(local.commands()).as("no exec after setup's").isEmpty();
    }

    @Test
    void aReadAheadOfAnotherDefinitionIsNotUsed() throws Exception {
        String n = domains.domain("ahead-changed");
        Map<String, Object> a = args(n, 128);
        aheadThenRun(a, a);
        ModuleResult bigger = aheadThenRun(a, args(n, 256));
        assertThat(bigger).as(bigger.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(domains.dumpxml(n)).contains("<memory unit='KiB'>262144</memory>");
    }

    @Test
    void anEarlierRestartsOutcomeIsReportedOnceByTheTasksOwnRead() throws Exception {
        String n = domains.domain("ahead-outcome");
        Map<String, Object> a = args(n, 128);
        aheadThenRun(a, a);
        Path outcome = Path.of(Virsh.STATE_DIR, n + ".restart");
        Files.createDirectories(outcome.getParent());
        Files.writeString(outcome, "restart: ok rc=0\n");
        ModuleResult r = aheadThenRun(a, a);
        assertThat(r.msg()).contains("an earlier run's restart finished on the host");
        assertThat(outcome).doesNotExist();
        assertThat(local.commands()).as("the task read for itself").hasSize(1);
        assertThat(aheadThenRun(a, a).msg()).doesNotContain("earlier run's restart");
        Files.deleteIfExists(Path.of(Virsh.STATE_DIR, n + ".restart.reported"));
    }
}
