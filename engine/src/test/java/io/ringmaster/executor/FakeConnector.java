package io.ringmaster.executor;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Remote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake {@link HostConnector}: records each host's commands; a command containing {@code FAIL}
 * exits 1; hosts in {@code unreachable} cannot be connected to; {@code become} prefixes commands
 * with {@code [sudo USER]}.
 */
final class FakeConnector implements HostConnector {
    final Map<String, List<String>> commands = new ConcurrentHashMap<>();
    final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    final Map<String, Integer> connects = new ConcurrentHashMap<>();

    FakeConnector unreachable(String... hosts) {
        unreachable.addAll(List.of(hosts));
        return this;
    }

    List<String> commandsOn(String host) {
        List<String> l = commands.getOrDefault(host, List.of());
        synchronized (l) {
            return List.copyOf(l);
        }
    }

    @Override
    public Remote connect(String host, Map<String, Object> vars) throws HostUnreachableException {
        connects.merge(host, 1, Integer::sum);
        if (unreachable.contains(host)) {
            throw new HostUnreachableException(
                    "Failed to connect to the host via ssh: " + host + ": Connection refused");
        }
        return new FakeRemote(host, "");
    }

    @Override
    public Remote become(Remote remote, String user) {
        return new FakeRemote(((FakeRemote) remote).host, "[sudo " + user + "] ");
    }

    @Override
    public Remote become(Remote remote, String user, char[] password) {
        return new FakeRemote(
                ((FakeRemote) remote).host,
                "[sudo " + user + " password " + new String(password) + "] ");
    }

    private final class FakeRemote implements Remote {
        final String host;
        final String prefix;

        FakeRemote(String host, String prefix) {
            this.host = host;
            this.prefix = prefix;
        }

        @Override
        public ExecResult exec(String command, byte[] stdin, Duration timeout) {
            List<String> l =
                    commands.computeIfAbsent(
                            host, h -> java.util.Collections.synchronizedList(new ArrayList<>()));
            l.add(prefix + command);
            return command.contains("FAIL")
                    ? new ExecResult(1, "", "failed: " + command, null)
                    : new ExecResult(0, "ran " + command + "\n", "", null);
        }

        @Override
        public void upload(byte[] content, String path, String mode) {
            commands.computeIfAbsent(
                            host, h -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(prefix + "upload " + path);
        }

        @Override
        public boolean isLocal() {
            return false;
        }
    }
}
