package io.ringmaster.connection;

import io.ringmaster.connection.pool.Transports;

import io.ringmaster.connection.ssh.SshTransport;
import io.ringmaster.connection.ssh.TargetResolver;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Remote;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SSH transport against real OpenSSH servers. Hosts 1-5 serve the ordinary tests; host 6 gets a new host key,
 * host 7 is stopped mid-run, so the tests do not disturb each other.
 */
class SshTransportIT {
    private static final Duration T = Duration.ofSeconds(30);
    private static ThrowawaySshd lab;

    @BeforeAll
    static void startLab() throws Exception {
        requireMultiReleaseJsch();
        lab = ThrowawaySshd.start(7, 11);
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    /**
     * JSch's ed25519 (JDK 15+) and Unix socket (JDK 16+) code lives in META-INF/versions of its multi-release jar.
     * A shaded jar without "Multi-Release: true" in its manifest silently falls back to the stubs, and every
     * ed25519 host then fails with "Algorithm negotiation fail". Failsafe tests the shaded ringmaster.jar.
     */
    private static void requireMultiReleaseJsch() throws Exception {
        Object sig = Class.forName("com.jcraft.jsch.jce.SignatureEd25519").getDeclaredConstructor().newInstance();
        try {
            sig.getClass().getMethod("init").invoke(sig);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new AssertionError("JSch's ed25519 support is missing from the test classpath ("
                    + SshTransportIT.class.getProtectionDomain().getCodeSource() + "): the shaded jar needs"
                    + " <Multi-Release>true</Multi-Release> in the shade ManifestResourceTransformer's manifestEntries",
                    e.getCause());
        }
    }

    private static ThrowawaySshd.Host host(int i) {
        return lab.hosts().get(i - 1);
    }

    private static ConnectionOptions options(Path knownHosts, boolean acceptNew, String passphraseEnv) {
        return new ConnectionOptions(acceptNew, knownHosts, lab.workDir().resolve("no-ssh-config"),
                Duration.ofSeconds(5), 2, passphraseEnv, null, null);
    }

    private static SshTransport transport(ConnectionOptions o, Map<String, String> env) throws Exception {
        Path emptyHome = Files.createDirectories(lab.workDir().resolve("empty-home"));
        return new SshTransport(o, env, new TargetResolver(o.sshConfig(), emptyHome, "root"));
    }

    private static SshTransport transport() throws Exception {
        return transport(options(lab.knownHosts(), false, null), Map.of());
    }

    private static ConnectionTarget target(ThrowawaySshd.Host h, Map<String, Object> extra) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("ansible_host", h.address());
        vars.put("ansible_user", "root");
        vars.put("ansible_ssh_private_key_file", lab.privateKey().toString());
        vars.putAll(extra);
        return new ConnectionTarget(h.name(), vars, null);
    }

    @Test
    void execAndUploadOnFiveHostsInParallel() throws Exception {
        try (SshTransport ssh = transport()) {
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                ThrowawaySshd.Host h = host(i);
                results.add(pool.submit(() -> {
                    Connection c = ssh.open(target(h, Map.of()));
                    ExecResult r = c.exec("echo \"$((40+2))\"; echo oops >&2; exit 3");
                    assertThat(r).isEqualTo(new ExecResult(3, "42\n", "oops\n", null));
                    ExecResult in = c.exec("tr a-z A-Z", "stdin bytes".getBytes(StandardCharsets.UTF_8), T);
                    assertThat(in.stdout()).isEqualTo("STDIN BYTES");
                    Path file = lab.workDir().resolve("up-" + h.name()).resolve("it's.conf");
                    c.exec("mkdir -p " + io.ringmaster.module.api.Shell.quote(file.getParent().toString()));
                    byte[] content = "a = 'b'\n$(rm -rf /)\n".getBytes(StandardCharsets.UTF_8);
                    c.upload(content, file.toString(), "0640");
                    assertThat(Files.readAllBytes(file)).isEqualTo(content);
                    assertThat(c.exec("stat -c %a " + io.ringmaster.module.api.Shell.quote(file.toString()))
                            .stdout()).isEqualTo("640\n");
                    try (var left = Files.list(file.getParent())) {
                        assertThat(left).containsExactly(file);
                    }
                    return h.name();
                }));
            }
            for (Future<String> f : results) {
                f.get();
            }
            pool.shutdown();
            assertThat(ssh.sessionsOpened()).isEqualTo(5);
        }
    }

    @Test
    void timeoutBigOutputAndSignals() throws Exception {
        try (SshTransport ssh = transport()) {
            Connection c = ssh.open(target(host(1), Map.of()));
            long t0 = System.nanoTime();
            ExecResult slow = c.exec("echo begun; sleep 20", null, Duration.ofMillis(500));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(slow.rc()).isEqualTo(124);
            assertThat(slow.signal()).isEqualTo("KILL");
            assertThat(slow.stdout()).isEqualTo("begun\n");

            ExecResult big = c.exec("head -c 3000000 /dev/zero | tr '\\0' o; head -c 3000000 /dev/zero >&2");
            assertThat(big.stdout()).hasSize(3_000_000);
            assertThat(big.stderr()).hasSize(3_000_000);

            ExecResult killed = c.exec("kill -TERM $$");
            assertThat(killed.signal()).isEqualTo("TERM");
            assertThat(killed.rc()).isEqualTo(143);

            ExecResult after = c.exec("echo still open");
            assertThat(after.stdout()).isEqualTo("still open\n");
        }
    }

    @Test
    void oneSessionForManyCommands() throws Exception {
        ThrowawaySshd.Host h = host(2);
        int before = h.acceptedConnections();
        try (Transports all = new Transports(List.of(transport()))) {
            for (int i = 0; i < 40; i++) {
                Connection c = all.connection(target(h, Map.of()));
                assertThat(c.exec("echo " + i).stdout()).isEqualTo(i + "\n");
            }
            assertThat(all.connectionsOpened()).isEqualTo(1);
        }
        assertThat(h.acceptedConnections() - before).isEqualTo(1);
    }

    @Test
    void unknownHostKeyIsRefusedWithItsFingerprintThenAcceptedAndRecorded() throws Exception {
        ThrowawaySshd.Host h = host(3);
        Path known = Files.createTempFile(lab.workDir(), "known", "");
        String pub = h.hostKeyLine();
        Path pubFile = Files.writeString(lab.workDir().resolve("h3.pub"), pub.substring(pub.indexOf(' ') + 1));
        String fingerprint = ThrowawaySshd.run("ssh-keygen", "-l", "-E", "sha256", "-f", pubFile.toString())
                .split(" ")[1];
        try (SshTransport strict = transport(options(known, false, null), Map.of())) {
            assertThatThrownBy(() -> strict.open(target(h, Map.of())))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessageContaining("'host3'").hasMessageContaining(h.address())
                    .hasMessageContaining("ssh-ed25519").hasMessageContaining(fingerprint)
                    .hasMessageContaining("--accept-new-host-keys");
        }
        assertThat(Files.readString(known)).isEmpty();
        try (SshTransport tofu = transport(options(known, true, null), Map.of())) {
            assertThat(tofu.open(target(h, Map.of())).exec("echo ok").stdout()).isEqualTo("ok\n");
        }
        assertThat(Files.readString(known).strip()).isEqualTo(pub);
        try (SshTransport strict = transport(options(known, false, null), Map.of())) {
            assertThat(strict.open(target(h, Map.of())).exec("echo again").stdout()).isEqualTo("again\n");
        }
    }

    @Test
    void changedHostKeyIsAlwaysRefused() throws Exception {
        ThrowawaySshd.Host h = host(6);
        Path known = Files.createTempFile(lab.workDir(), "known", "");
        Files.writeString(known, host(5).hostKeyLine() + "\n" + h.hostKeyLine() + "\n");
        h.regenerateHostKey();
        for (boolean acceptNew : new boolean[] {false, true}) {
            try (SshTransport ssh = transport(options(known, acceptNew, null), Map.of())) {
                assertThatThrownBy(() -> ssh.open(target(h, Map.of())))
                        .isInstanceOf(HostUnreachableException.class)
                        .hasMessageContaining("REMOTE HOST KEY CHANGED").hasMessageContaining("'host6'")
                        .hasMessageContaining(known + " line 2").hasMessageContaining("ssh-keygen -R");
            }
        }
        assertThat(Files.readAllLines(known)).hasSize(2);
    }

    @Test
    void stoppedHostIsUnreachableWhileOthersFinish() throws Exception {
        ThrowawaySshd.Host victim = host(7);
        try (SshTransport ssh = transport()) {
            List<Connection> conns = new ArrayList<>();
            for (int i : new int[] {1, 2, 3, 4, 7}) {
                conns.add(ssh.open(target(host(i), Map.of())));
            }
            ExecutorService pool = Executors.newFixedThreadPool(conns.size());
            List<Future<ExecResult>> runs = new ArrayList<>();
            for (Connection c : conns) {
                runs.add(pool.submit(() -> c.exec("sleep 2; echo done", null, T)));
            }
            Thread.sleep(500);
            victim.stop();
            for (int i = 0; i < 4; i++) {
                assertThat(runs.get(i).get().stdout()).isEqualTo("done\n");
            }
            assertThatThrownBy(() -> System.err.println("victim returned " + runs.get(4).get()))
                    .hasCauseInstanceOf(HostUnreachableException.class)
                    .cause().hasMessageContaining("'host7'").hasMessageContaining("dropped");
            assertThatThrownBy(() -> conns.get(4).exec("true")).isInstanceOf(HostUnreachableException.class);
            pool.shutdown();
            assertThatThrownBy(() -> ssh.open(target(victim, Map.of())))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessageContaining("connection refused").hasMessageContaining("3 attempts");
        }
    }

    @Test
    void proxyJumpThroughOneHostToOthers() throws Exception {
        ThrowawaySshd.Host bastion = host(1);
        int bastionBefore = bastion.acceptedConnections();
        try (SshTransport ssh = transport()) {
            for (int i : new int[] {4, 5}) {
                Map<String, Object> via = Map.of("ansible_ssh_common_args",
                        "-o StrictHostKeyChecking=no -o ProxyJump=root@" + bastion.address() + ":22");
                Connection c = ssh.open(target(host(i), via));
                assertThat(c.exec("echo through").stdout()).isEqualTo("through\n");
            }
            assertThat(ssh.sessionsOpened()).isEqualTo(3);
        }
        assertThat(bastion.acceptedConnections() - bastionBefore).isEqualTo(1);
    }

    @Test
    void becomeAnotherUserWithSudo() throws Exception {
        try (SshTransport ssh = transport()) {
            Connection c = ssh.open(target(host(2), Map.of()));
            Remote asNobody = Become.wrap(c, "nobody", null);
            ExecResult r = asNobody.exec("id -un; cat", "piped".getBytes(StandardCharsets.UTF_8), T);
            assertThat(r.stdout()).isEqualTo("nobody\npiped");
            assertThat(r.stderr()).isEmpty();
            Path dest = lab.workDir().resolve("become-upload");
            Become.wrap(c, "root", null).upload("x".getBytes(StandardCharsets.UTF_8), dest.toString(), "0600");
            assertThat(Files.readString(dest)).isEqualTo("x");
        }
    }

    @Test
    void wrongKeyIsAnAuthFailureAndNotRetried() throws Exception {
        Path other = lab.workDir().resolve("stranger");
        ThrowawaySshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        try (SshTransport ssh = transport()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> ssh.open(target(host(3), Map.of("ansible_ssh_private_key_file",
                    other.toString()))))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessageContaining("authentication failed for 'host3'").hasMessageContaining(other.toString())
                    .hasMessageNotContaining("attempts");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void rsaAndEncryptedKeys() throws Exception {
        Path rsa = lab.workDir().resolve("rsa_key");
        ThrowawaySshd.run("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", rsa.toString());
        Path enc = lab.workDir().resolve("enc_key");
        ThrowawaySshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "open sesame", "-f", enc.toString());
        Path auth = lab.workDir().resolve("authorized_keys");
        Files.writeString(auth, Files.readString(auth) + Files.readString(Path.of(rsa + ".pub"))
                + Files.readString(Path.of(enc + ".pub")));

        try (SshTransport ssh = transport()) {
            Connection c = ssh.open(target(host(4), Map.of("ansible_ssh_private_key_file", rsa.toString())));
            assertThat(c.exec("echo rsa").stdout()).isEqualTo("rsa\n");
            assertThatThrownBy(() -> ssh.open(target(host(5), Map.of("ansible_ssh_private_key_file",
                    enc.toString()))))
                    .hasMessageContaining("is encrypted").hasMessageContaining("--key-passphrase-env");
        }
        try (SshTransport ssh = transport(options(lab.knownHosts(), false, "RM_PASS"),
                Map.of("RM_PASS", "open sesame"))) {
            Connection c = ssh.open(target(host(5), Map.of("ansible_ssh_private_key_file", enc.toString())));
            assertThat(c.exec("echo decrypted").stdout()).isEqualTo("decrypted\n");
        }
    }

    @Test
    void sshAgentKeys() throws Exception {
        Path sock = lab.workDir().resolve("agent.sock");
        String out = ThrowawaySshd.run("ssh-agent", "-a", sock.toString(), "-s");
        String pid = out.replaceAll("(?s).*SSH_AGENT_PID=(\\d+);.*", "$1");
        try {
            ProcessBuilder add = new ProcessBuilder("ssh-add", lab.privateKey().toString());
            add.environment().put("SSH_AUTH_SOCK", sock.toString());
            assertThat(add.redirectErrorStream(true).start().waitFor()).isZero();
            try (SshTransport ssh = transport(options(lab.knownHosts(), false, null),
                    Map.of("SSH_AUTH_SOCK", sock.toString()))) {
                Map<String, Object> vars = new HashMap<>();
                vars.put("ansible_host", host(2).address());
                vars.put("ansible_user", "root");
                Connection c = ssh.open(new ConnectionTarget("agent-host", vars, null));
                assertThat(c.exec("echo agent").stdout()).isEqualTo("agent\n");
            }
        } finally {
            ThrowawaySshd.run("kill", pid);
        }
    }
}
