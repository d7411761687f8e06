package io.ringmaster.builtin.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.fixtures.FakeRemote;
import io.ringmaster.module.api.ModuleResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellModuleTest {

    private final ShellModule module = new ShellModule();

    private ModuleResult run(FakeRemote remote, Map<String, Object> args) throws Exception {
        return module.run(Contexts.of(module, args, remote));
    }

    @Test
    void lineGoesToTheHostShellAsItIs() throws Exception {
        FakeRemote remote = FakeRemote.answering(0, "3\n", "");
        ModuleResult r = run(remote, Map.of("cmd", "ls /etc | wc -l > /tmp/n; echo $HOME"));
        assertThat(remote.lastCommand()).isEqualTo("ls /etc | wc -l > /tmp/n; echo $HOME");
        assertThat(r).isInstanceOf(ModuleResult.Changed.class);
        assertThat(r.data())
                .containsEntry("cmd", "ls /etc | wc -l > /tmp/n; echo $HOME")
                .containsEntry("stdout", "3");
    }

    @Test
    void executableRunsTheLineQuotedWithDashC() throws Exception {
        FakeRemote remote = FakeRemote.answering(0, "", "");
        run(remote, Map.of("cmd", "echo 'hi'", "executable", "/bin/bash"));
        assertThat(remote.lastCommand()).isEqualTo("exec /bin/bash -c 'echo '\"'\"'hi'\"'\"''");
    }

    @Test
    void guardsNestTheLineInItsOwnShell() throws Exception {
        FakeRemote remote = FakeRemote.answering(0, "", "");
        run(remote, Map.of("cmd", "creates=/done make | tee log"));
        assertThat(remote.lastCommand())
                .contains("[ -e /done ]")
                .endsWith("; exec /bin/sh -c 'make | tee log'");
    }

    @Test
    void legacyExecutableWordIsRead() throws Exception {
        FakeRemote remote = FakeRemote.answering(0, "", "");
        run(remote, Map.of("cmd", "echo $BASH_VERSION executable=/bin/bash"));
        assertThat(remote.lastCommand()).isEqualTo("exec /bin/bash -c 'echo $BASH_VERSION'");
    }

    @Test
    void nonZeroReturnCodeFails() throws Exception {
        ModuleResult r = run(FakeRemote.answering(1, "", "nope\n"), Map.of("cmd", "grep x /y"));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).isEqualTo("non-zero return code");
        assertThat(r.data()).containsEntry("rc", 1).containsEntry("stderr", "nope");
    }

    @Test
    void validateWantsACommandLine() {
        assertThat(module.validate(Map.of("chdir", "/"))).isNotEmpty();
        assertThat(module.validate(Map.of("cmd", "ls"))).isEmpty();
    }

    @Test
    void aTimedOutCommandSaysSoAndWhere() throws Exception {
        FakeRemote remote =
                FakeRemote.answering(
                        124,
                        "half",
                        io.ringmaster.module.api.ExecResult.TIMED_OUT
                                + "4s on h1 (running: virsh list); it and its process group were killed on the host\n");
        ModuleResult r = run(remote, java.util.Map.of("cmd", "virsh list"));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).contains("timed out after 4s on h1 (running: virsh list)");
        assertThat(r.data()).containsEntry("timed_out", true).containsEntry("rc", 124);
    }
}
