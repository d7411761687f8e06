package io.ringmaster.builtin.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.fixtures.LocalShellRemote;
import io.ringmaster.module.api.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code shell} for real through {@code /bin/sh -c} on this machine. */
class ShellLocalTest {

    private final ShellModule module = new ShellModule();

    @TempDir Path dir;

    private ModuleResult run(Map<String, Object> args) throws Exception {
        return module.run(Contexts.of(module, args, new LocalShellRemote()));
    }

    @Test
    void pipesAndRedirectionsWork() throws Exception {
        Path out = dir.resolve("n");
        ModuleResult r =
                run(Map.of("cmd", "printf 'a\\nb\\nc\\n' | wc -l | tr -d ' ' | tee " + out));
        assertThat(r).isInstanceOf(ModuleResult.Changed.class);
        assertThat(r.data().get("stdout")).isEqualTo("3");
        assertThat(Files.readString(out).strip()).isEqualTo("3");
    }

    @Test
    void variablesExpand() throws Exception {
        ModuleResult r = run(Map.of("cmd", "FOO=bar; export FOO; echo \"$FOO-${HOME:+home}\""));
        assertThat(r.data().get("stdout")).isEqualTo("bar-home");
    }

    @Test
    void executableChoosesTheShell() throws Exception {
        ModuleResult r =
                run(Map.of("cmd", "echo ${BASH_VERSION:+bash}", "executable", "/bin/bash"));
        assertThat(r.data().get("stdout")).isEqualTo("bash");
    }

    @Test
    void guardsWrapTheLineWithoutChangingIt() throws Exception {
        Path flag = dir.resolve("flag");
        ModuleResult r =
                run(
                        Map.of(
                                "cmd",
                                "pwd | tr a-z A-Z; touch flag",
                                "chdir",
                                dir.toString(),
                                "creates",
                                "flag"));
        assertThat(r.data().get("stdout")).isEqualTo(dir.toRealPath().toString().toUpperCase());
        assertThat(flag).exists();
        assertThat(run(Map.of("cmd", "exit 1", "chdir", dir.toString(), "creates", "flag")))
                .isInstanceOf(ModuleResult.Ok.class);
    }

    @Test
    void stdinIsFedToTheLine() throws Exception {
        ModuleResult r = run(Map.of("cmd", "tr a-z A-Z", "stdin", "hi"));
        assertThat(r.data().get("stdout")).isEqualTo("HI");
    }

    @Test
    void failingLineReportsItsRcAndOutput() throws Exception {
        ModuleResult r = run(Map.of("cmd", "echo before; echo bad >&2; exit 4"));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.data())
                .containsEntry("rc", 4)
                .containsEntry("stdout", "before")
                .containsEntry("stderr", "bad");
    }
}
