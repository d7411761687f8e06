package io.ringmaster.modules.command;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.Remote;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A host that records every command and answers with canned results computed from the command. */
public final class FakeRemote implements Remote {

    /** One recorded call. */
    public record Call(String command, String stdin) {}

    private final Function<String, ExecResult> answer;
    private final List<Call> calls = new ArrayList<>();

    public FakeRemote(Function<String, ExecResult> answer) {
        this.answer = answer;
    }

    /** Answers every command with rc 0 and the given stdout. */
    public static FakeRemote answering(int rc, String stdout, String stderr) {
        return new FakeRemote(cmd -> new ExecResult(rc, stdout, stderr, null));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public String lastCommand() {
        return calls.get(calls.size() - 1).command();
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
        calls.add(
                new Call(
                        command, stdin == null ? null : new String(stdin, StandardCharsets.UTF_8)));
        return answer.apply(command);
    }

    @Override
    public void upload(byte[] content, String path, String mode) {
        throw new UnsupportedOperationException("not used by these modules");
    }

    @Override
    public boolean isLocal() {
        return false;
    }
}
