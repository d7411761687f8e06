package io.ringmaster.builtin.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.fixtures.FakeRemote;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.ModuleResult;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CommandModuleTest {

    private final CommandModule module = new CommandModule();

    private ModuleResult run(FakeRemote remote, Map<String, Object> args) throws Exception {
        return module.run(Contexts.of(module, args, remote));
    }

    @Test
    void hostileWordsReachTheHostAsSingleQuotedLiterals() throws Exception {
        FakeRemote remote = FakeRemote.answering(0, "", "");
        run(remote, Map.of("cmd", "echo \"'; rm -rf /\" '$(touch /tmp/x)' a|b"));
        assertThat(remote.lastCommand())
                .isEqualTo("exec 'echo' ''\"'\"'; rm -rf /' '$(touch /tmp/x)' 'a|b'");
    }

    @Test
    void programWordIsAlwaysQuotedSoItCannotBeAKeywordOrAssignment() throws Exception {
        FakeRemote remote = FakeRemote.answering(0, "", "");
        run(remote, Map.of("argv", List.of("FOO=bar", "if")));
        assertThat(remote.lastCommand()).isEqualTo("exec 'FOO=bar' if");
    }

    @Test
    void argvIsUsedWithoutSplitting() throws Exception {
        FakeRemote remote = FakeRemote.answering(0, "", "");
        ModuleResult r = run(remote, Map.of("argv", List.of("printf", "%s\n", "a b")));
        assertThat(remote.lastCommand()).isEqualTo("exec 'printf' '%s\n' 'a b'");
        assertThat(r.data().get("cmd")).isEqualTo(List.of("printf", "%s\n", "a b"));
    }

    @Test
    void successReportsChangedWithAnsiblesResultFields() throws Exception {
        ModuleResult r = run(FakeRemote.answering(0, "a\nb\n\n", "warn\n"), Map.of("cmd", "ls"));
        assertThat(r).isInstanceOf(ModuleResult.Changed.class);
        assertThat(r.data())
                .containsEntry("rc", 0)
                .containsEntry("stdout", "a\nb")
                .containsEntry("stderr", "warn")
                .containsEntry("stdout_lines", List.of("a", "b"))
                .containsEntry("stderr_lines", List.of("warn"))
                .containsEntry("cmd", List.of("ls"))
                .containsKeys("start", "end", "delta");
        assertThat((String) r.data().get("delta")).matches("\\d+:\\d\\d:\\d\\d(\\.\\d{6})?");
    }

    @Test
    void stripEmptyEndsFalseKeepsTrailingNewlines() throws Exception {
        ModuleResult r =
                run(
                        FakeRemote.answering(0, "a\n\n", ""),
                        Map.of("cmd", "ls", "strip_empty_ends", false));
        assertThat(r.data())
                .containsEntry("stdout", "a\n\n")
                .containsEntry("stdout_lines", List.of("a", ""));
    }

    @Test
    void nonZeroReturnCodeFailsWithTheSameData() throws Exception {
        ModuleResult r =
                run(FakeRemote.answering(2, "partial\n", "boom\n"), Map.of("cmd", "false"));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).isEqualTo("non-zero return code");
        assertThat(r.data())
                .containsEntry("rc", 2)
                .containsEntry("stdout", "partial")
                .containsEntry("stderr", "boom");
    }

    @Test
    void signalIsNamedInTheFailure() throws Exception {
        ModuleResult r =
                run(
                        new FakeRemote(c -> new ExecResult(137, "", "", "KILL")),
                        Map.of("cmd", "sleep 9"));
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).contains("signal KILL");
    }

    @Test
    void guardsRunInTheSameRoundTripAsTheCommand() throws Exception {
        FakeRemote remote = FakeRemote.answering(0, "", "");
        run(
                remote,
                Map.of(
                        "cmd",
                        "make",
                        "chdir",
                        "/srv/my app",
                        "creates",
                        "/srv/done",
                        "removes",
                        "/srv/todo"));
        assertThat(remote.calls()).hasSize(1);
        assertThat(remote.lastCommand())
                .startsWith("cd '/srv/my app' || {")
                .contains("if { [ -e /srv/done ] || [ -L /srv/done ]; }; then")
                .contains("if ! { [ -e /srv/todo ] || [ -L /srv/todo ]; }; then")
                .endsWith("; exec 'make'");
    }

    @Test
    void legacyWordsInTheFreeFormLineBecomeOptions() throws Exception {
        FakeRemote remote = FakeRemote.answering(0, "", "");
        ModuleResult r = run(remote, Map.of("cmd", "creates=/etc/done make install chdir=/srv"));
        assertThat(remote.lastCommand())
                .startsWith("cd /srv ||")
                .contains("[ -e /etc/done ]")
                .endsWith("exec 'make' install");
        assertThat(r.data().get("cmd")).isEqualTo(List.of("make", "install"));
    }

    @Test
    void createsSkipIsReportedOkWithAnsiblesMessages() throws Exception {
        FakeRemote remote =
                new FakeRemote(cmd -> new ExecResult(0, marker(cmd) + ":skip\n", "", null));
        ModuleResult r = run(remote, Map.of("cmd", "make", "creates", "/srv/done"));
        assertThat(r).isInstanceOf(ModuleResult.Ok.class);
        assertThat(r.msg()).isEqualTo("Did not run command since '/srv/done' exists");
        assertThat(r.data())
                .containsEntry("rc", 0)
                .containsEntry("stdout", "skipped, since /srv/done exists")
                .containsEntry("stderr", "");
    }

    @Test
    void removesSkipSaysThePathDoesNotExist() throws Exception {
        FakeRemote remote =
                new FakeRemote(cmd -> new ExecResult(0, marker(cmd) + ":skip\n", "", null));
        ModuleResult r = run(remote, Map.of("cmd", "rm /srv/x", "removes", "/srv/x"));
        assertThat(r.data()).containsEntry("stdout", "skipped, since /srv/x does not exist");
    }

    @Test
    void outputThatMerelyLooksLikeAGuardMarkerIsTheCommandsOwn() throws Exception {
        ModuleResult r =
                run(
                        FakeRemote.answering(0, "ringmaster-guard-x:skip\n", ""),
                        Map.of("cmd", "echo hi", "creates", "/x"));
        assertThat(r).isInstanceOf(ModuleResult.Changed.class);
    }

    @Test
    void stdinGetsANewlineUnlessToldNot() throws Exception {
        FakeRemote remote = FakeRemote.answering(0, "", "");
        run(remote, Map.of("cmd", "cat", "stdin", "hello"));
        run(remote, Map.of("cmd", "cat", "stdin", "hello", "stdin_add_newline", false));
        run(remote, Map.of("cmd", "cat"));
        assertThat(remote.calls())
                .extracting(FakeRemote.Call::stdin)
                .containsExactly("hello\n", "hello", null);
    }

    @Test
    void validateWantsExactlyOneOfCmdAndArgv() {
        assertThat(module.validate(Map.of("cmd", "ls", "argv", List.of("ls"))))
                .singleElement()
                .asString()
                .contains("not both");
        assertThat(module.validate(Map.of("chdir", "/")))
                .singleElement()
                .asString()
                .contains("needs a command");
        assertThat(module.validate(Map.of("cmd", "ls"))).isEmpty();
    }

    @Test
    void badQuotingEmptyCommandAndOptionLikeProgramFailWithoutRunning() throws Exception {
        FakeRemote remote = FakeRemote.answering(0, "", "");
        assertThat(run(remote, Map.of("cmd", "echo 'oops")).msg()).contains("cannot split", "web1");
        assertThat(run(remote, Map.of("cmd", "creates=/x")).msg()).contains("no command to run");
        assertThat(run(remote, Map.of("argv", List.of("-rf", "/"))).msg())
                .contains("starts with '-'");
        assertThat(run(remote, Map.of("cmd", "chdir=/a ls", "chdir", "/b")).msg())
                .contains("given twice");
        assertThat(remote.calls()).isEmpty();
    }

    @Test
    void checkModeIsPredictedOnlyThroughGuards() {
        assertThat(module.supportsCheckMode()).isTrue();
        assertThat(module.freeFormParam()).contains("cmd");
    }

    static String marker(String script) {
        Matcher m = Pattern.compile("'(ringmaster-guard-[0-9a-f-]+):").matcher(script);
        return m.find() ? m.group(1) : "none";
    }
}
