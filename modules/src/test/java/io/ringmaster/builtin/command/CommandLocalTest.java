package io.ringmaster.builtin.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.fixtures.LocalShellRemote;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code command} for real through {@code /bin/sh -c} on this machine. */
class CommandLocalTest {

    private final CommandModule module = new CommandModule();

    @TempDir Path dir;

    private ModuleResult run(Map<String, Object> args) throws Exception {
        return module.run(Contexts.of(module, args, new LocalShellRemote()));
    }

    @Test
    void commandSubstitutionStaysLiteral() throws Exception {
        Path pwned = dir.resolve("pwned");
        ModuleResult r =
                run(Map.of("cmd", "echo $(touch " + pwned + ") `touch " + pwned + "` $HOME *"));
        assertThat(r).isInstanceOf(ModuleResult.Changed.class);
        assertThat(r.data().get("stdout"))
                .isEqualTo("$(touch " + pwned + ") `touch " + pwned + "` $HOME *");
        assertThat(pwned).doesNotExist();
    }

    @Test
    void semicolonInjectionStaysOneLiteralArgument() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "keep");
        ModuleResult r =
                run(Map.of("argv", List.of("printf", "[%s]", "'; rm -rf " + victim + "; echo '")));
        assertThat(r.data().get("stdout")).isEqualTo("['; rm -rf " + victim + "; echo ']");
        ModuleResult r2 =
                run(Map.of("cmd", "printf [%s] \"'; rm -rf " + victim + "\" '&&' 'rm' " + victim));
        assertThat(r2.data().get("stdout"))
                .isEqualTo("['; rm -rf " + victim + "][&&][rm][" + victim + "]");
        assertThat(victim).exists();
    }

    @Test
    void shellKeywordAsProgramIsNotInterpreted() throws Exception {
        ModuleResult r = run(Map.of("cmd", "if true; then touch " + dir.resolve("x") + "; fi"));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.data().get("rc")).isEqualTo(127);
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void chdirRunsInTheDirectoryEvenWithSpacesInItsName() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("my dir"));
        ModuleResult r = run(Map.of("cmd", "pwd", "chdir", sub.toString()));
        assertThat(r.data().get("stdout")).isEqualTo(sub.toRealPath().toString());
    }

    @Test
    void missingChdirFailsWithAClearMessage() throws Exception {
        ModuleResult r = run(Map.of("cmd", "pwd", "chdir", dir.resolve("nope").toString()));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).contains("Unable to change directory", "web1", "nope");
        assertThat(r.data().get("stdout")).isEqualTo("");
    }

    @Test
    void createsSkipsWhenThePathExistsAndRunsWhenItDoesNot() throws Exception {
        Path flag = dir.resolve("flag");
        String touch = "touch " + flag;
        ModuleResult first = run(Map.of("cmd", touch, "creates", flag.toString()));
        assertThat(first).isInstanceOf(ModuleResult.Changed.class);
        assertThat(flag).exists();
        ModuleResult second = run(Map.of("cmd", "false", "creates", flag.toString()));
        assertThat(second).isInstanceOf(ModuleResult.Ok.class);
        assertThat(second.data())
                .containsEntry("rc", 0)
                .containsEntry("stdout", "skipped, since " + flag + " exists");
    }

    @Test
    void createsAcceptsAGlobAndRelativePathsFollowChdir() throws Exception {
        Files.writeString(dir.resolve("a.done"), "");
        ModuleResult r = run(Map.of("cmd", "false chdir=" + dir + " creates=*.done"));
        assertThat(r).isInstanceOf(ModuleResult.Ok.class);
        ModuleResult none =
                run(Map.of("cmd", "true", "chdir", dir.toString(), "creates", "*.missing"));
        assertThat(none).isInstanceOf(ModuleResult.Changed.class);
    }

    @Test
    void removesSkipsWhenThePathIsAbsent() throws Exception {
        Path gone = dir.resolve("gone");
        ModuleResult r = run(Map.of("cmd", "false", "removes", gone.toString()));
        assertThat(r).isInstanceOf(ModuleResult.Ok.class);
        assertThat(r.data()).containsEntry("stdout", "skipped, since " + gone + " does not exist");
        Files.writeString(gone, "x");
        assertThat(run(Map.of("argv", List.of("rm", gone.toString()), "removes", gone.toString())))
                .isInstanceOf(ModuleResult.Changed.class);
        assertThat(gone).doesNotExist();
    }

    @Test
    void stdinIsFedToTheCommand() throws Exception {
        ModuleResult r = run(Map.of("cmd", "cat", "stdin", "hello\nworld"));
        assertThat(r.data())
                .containsEntry("stdout", "hello\nworld")
                .containsEntry("stdout_lines", List.of("hello", "world"));
    }

    @Test
    void nonZeroReturnCodeFailsWithRcStdoutAndStderr() throws Exception {
        ModuleResult r = run(Map.of("argv", List.of("sh", "-c", "echo out; echo err >&2; exit 3")));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).isEqualTo("non-zero return code");
        assertThat(r.data())
                .containsEntry("rc", 3)
                .containsEntry("stdout", "out")
                .containsEntry("stderr", "err")
                .containsEntry("stderr_lines", List.of("err"));
    }

    @Test
    void missingProgramFailsWith127() throws Exception {
        ModuleResult r = run(Map.of("cmd", "no-such-program-ringmaster --x"));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.data().get("rc")).isEqualTo(127);
        assertThat((String) r.data().get("stderr")).contains("no-such-program-ringmaster");
    }

    @Test
    void resultCarriesLinesAndAnsibleTimes() throws Exception {
        ModuleResult r = run(Map.of("cmd", "printf 'a\\nb\\n'"));
        assertThat(r.data()).containsEntry("stdout_lines", List.of("a", "b"));
        assertThat((String) r.data().get("delta")).matches("0:00:\\d\\d\\.\\d{6}");
        assertThat((String) r.data().get("start"))
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?");
    }

    @Test
    void checkModeRunsOnlyTheGuardsAndNeverTheCommand(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path made = dir.resolve("made");
        java.nio.file.Path exists = java.nio.file.Files.createFile(dir.resolve("exists"));
        Map<String, Object> base = Map.of("cmd", "touch " + made);
        ModuleContext plain = Contexts.of(module, base, new LocalShellRemote());
        ModuleContext check =
                new ModuleContext(
                        plain.host(),
                        plain.args(),
                        plain.vars(),
                        plain.remote(),
                        null,
                        true,
                        false);
        assertThat(module.run(check)).isInstanceOf(ModuleResult.Skipped.class);
        ModuleContext wouldRun =
                Contexts.of(
                        module,
                        Map.of("cmd", "touch " + made, "creates", made.toString()),
                        new LocalShellRemote());
        ModuleResult r =
                module.run(
                        new ModuleContext(
                                wouldRun.host(),
                                wouldRun.args(),
                                wouldRun.vars(),
                                wouldRun.remote(),
                                null,
                                true,
                                false));
        assertThat(r).isInstanceOf(ModuleResult.Changed.class);
        assertThat(r.msg()).contains("would run");
        ModuleContext skip =
                Contexts.of(
                        module,
                        Map.of("cmd", "touch " + made, "creates", exists.toString()),
                        new LocalShellRemote());
        assertThat(
                        module.run(
                                new ModuleContext(
                                        skip.host(),
                                        skip.args(),
                                        skip.vars(),
                                        skip.remote(),
                                        null,
                                        true,
                                        false)))
                .isInstanceOf(ModuleResult.Ok.class);
        assertThat(made).doesNotExist();
    }
}
