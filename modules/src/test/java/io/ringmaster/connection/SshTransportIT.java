package io.ringmaster.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.connection.pool.Transports;
import io.ringmaster.connection.ssh.SshTransport;
import io.ringmaster.connection.ssh.TargetResolver;
import io.ringmaster.lab.LabExtension;
import io.ringmaster.lab.LabHost;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Remote;
import io.ringmaster.module.api.Shell;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SSH transport against the lab's real OpenSSH hosts (Debian 12, OpenSSH 9.2). lab1-lab5 serve
 * the ordinary tests; lab6 gets a new host key and lab7 is stopped mid-run, so the tests do not
 * disturb each other.
 */
class SshTransportIT {
    private static final Duration T = Duration.ofSeconds(30);

    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(7);

    @BeforeAll
    static void jschHasItsMultiReleaseClasses() throws Exception {
        requireMultiReleaseJsch();
    }

    /**
     * JSch's ed25519 (JDK 15+) and Unix socket (JDK 16+) code lives in META-INF/versions of its
     * multi-release jar. A shaded jar without "Multi-Release: true" in its manifest silently falls
     * back to the stubs, and every ed25519 host then fails with "Algorithm negotiation fail".
     * Failsafe tests the shaded ringmaster.jar.
     */
    static void requireMultiReleaseJsch() throws Exception {
        Object sig =
                Class.forName("com.jcraft.jsch.jce.SignatureEd25519")
                        .getDeclaredConstructor()
                        .newInstance();
        try {
            sig.getClass().getMethod("init").invoke(sig);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new AssertionError(
                    "JSch's ed25519 support is missing from the test classpath ("
                            + SshTransportIT.class.getProtectionDomain().getCodeSource()
                            + "): the shaded jar needs"
                            + " <Multi-Release>true</Multi-Release> in the shade ManifestResourceTransformer's manifestEntries",
                    e.getCause());
        }
    }

    private static LabHost host(int i) {
        return LAB.hosts().get(i - 1);
    }

    private static ConnectionOptions options(
            Path knownHosts,
            boolean acceptNew,
            String passphraseEnv,
            char[] password,
            char[] becomePassword) {
        return new ConnectionOptions(
                acceptNew,
                knownHosts,
                LAB.workDir().resolve("no-ssh-config"),
                Duration.ofSeconds(5),
                2,
                passphraseEnv,
                password,
                becomePassword);
    }

    private static ConnectionOptions options(Path knownHosts, boolean acceptNew) {
        return options(knownHosts, acceptNew, null, null, null);
    }

    private static SshTransport transport(ConnectionOptions o, Map<String, String> env)
            throws Exception {
        Path emptyHome = Files.createDirectories(LAB.workDir().resolve("empty-home"));
        return new SshTransport(o, env, new TargetResolver(o.sshConfig(), emptyHome, "root"));
    }

    private static SshTransport transport() throws Exception {
        return transport(options(LAB.knownHosts(), false), Map.of());
    }

    private static ConnectionTarget target(LabHost h, Map<String, Object> extra) {
        return target(h, extra, null);
    }

    private static ConnectionTarget target(
            LabHost h, Map<String, Object> extra, ConnectionOptions o) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("ansible_host", h.address());
        vars.put("ansible_user", "root");
        vars.put("ansible_ssh_private_key_file", LAB.privateKey().toString());
        vars.putAll(extra);
        vars.values().removeIf(v -> v == null || "".equals(v));
        return new ConnectionTarget(h.name(), vars, o);
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    @Test
    void execAndUploadOnFiveHostsInParallel() throws Exception {
        try (SshTransport ssh = transport()) {
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                LabHost h = host(i);
                results.add(
                        pool.submit(
                                () -> {
                                    Connection c = ssh.open(target(h, Map.of()));
                                    ExecResult r =
                                            c.exec("echo \"$((40+2))\"; echo oops >&2; exit 3");
                                    assertThat(r)
                                            .isEqualTo(new ExecResult(3, "42\n", "oops\n", null));
                                    assertThat(
                                                    c.exec(
                                                                    "grep ^ListenAddress /etc/ssh/sshd_config")
                                                            .stdout())
                                            .as("ran on the right lab host")
                                            .isEqualTo("ListenAddress " + h.address() + ":22\n");
                                    ExecResult in =
                                            c.exec(
                                                    "tr a-z A-Z",
                                                    "stdin bytes".getBytes(StandardCharsets.UTF_8),
                                                    T);
                                    assertThat(in.stdout()).isEqualTo("STDIN BYTES");
                                    String dir = "/tmp/up-" + h.name();
                                    String file = dir + "/it's.conf";
                                    c.exec("mkdir -p " + Shell.quote(dir));
                                    String content = "a = 'b'\n$(rm -rf /)\n";
                                    c.upload(
                                            content.getBytes(StandardCharsets.UTF_8), file, "0640");
                                    assertThat(h.exec("cat", file)).isEqualTo(content);
                                    assertThat(h.exec("stat", "-c", "%a %U", file))
                                            .isEqualTo("640 root\n");
                                    assertThat(h.exec("ls", "-A", dir))
                                            .as("no temporary file left")
                                            .isEqualTo("it's.conf\n");
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

            ExecResult big =
                    c.exec("head -c 3000000 /dev/zero | tr '\\0' o; head -c 3000000 /dev/zero >&2");
            assertThat(big.stdout()).hasSize(3_000_000);
            assertThat(big.stderr()).hasSize(3_000_000);

            ExecResult killed = c.exec("kill -TERM $$");
            assertThat(killed.signal()).isEqualTo("TERM");
            assertThat(killed.rc()).isEqualTo(143);

            ExecResult after = c.exec("echo still open");
            assertThat(after.stdout()).isEqualTo("still open\n");
        }
    }

    /**
     * The handshake runs on Bouncy Castle's X25519 and Ed25519 (host key and the user's key) and
     * negotiates ChaCha20-Poly1305 with strict key exchange, as OpenSSH's own client does: JSch's
     * log of the negotiation says so, and the session carries a command's output both ways.
     */
    @Test
    void handshakeOnBouncyCastleNegotiatesChachaWithStrictKex() throws Exception {
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        com.jcraft.jsch.Logger before = com.jcraft.jsch.JSch.getLogger();
        com.jcraft.jsch.JSch.setLogger(
                new com.jcraft.jsch.Logger() {
                    @Override
                    public boolean isEnabled(int level) {
                        return true;
                    }

                    @Override
                    public void log(int level, String message) {
                        log.add(message);
                    }
                });
        try (SshTransport ssh = transport()) {
            Connection c = ssh.open(target(host(3), Map.of()));
            assertThat(c.exec("cat", "ping".getBytes(StandardCharsets.UTF_8), T).stdout())
                    .isEqualTo("ping");
        } finally {
            com.jcraft.jsch.JSch.setLogger(before);
        }
        assertThat(com.jcraft.jsch.JSch.getConfig("xdh")).isEqualTo("com.jcraft.jsch.bc.XDH");
        assertThat(log)
                .anyMatch(m -> m.contains("kex: algorithm: curve25519-sha256"))
                .anyMatch(m -> m.contains("kex: host key algorithm: ssh-ed25519"))
                .anyMatch(m -> m.contains("server->client cipher: chacha20-poly1305@openssh.com"))
                .anyMatch(m -> m.contains("client->server cipher: chacha20-poly1305@openssh.com"))
                .anyMatch(m -> m.contains("Doing strict KEX"))
                .anyMatch(m -> m.contains("Authentication succeeded (publickey)"));
    }

    @Test
    void oneSessionForManyCommands() throws Exception {
        LabHost h = host(2);
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
        LabHost h = host(3);
        Path known = Files.createTempFile(LAB.workDir(), "known", "");
        // what `ssh-keygen -lf` says of the host's own key file: "256 SHA256:... lab@ADDR
        // (ED25519)"
        String fingerprint =
                h.exec("ssh-keygen", "-lf", "/etc/ssh/ssh_host_ed25519_key.pub").split(" ")[1];
        assertThat(fingerprint).startsWith("SHA256:");
        try (SshTransport strict = transport(options(known, false), Map.of())) {
            assertThatThrownBy(() -> strict.open(target(h, Map.of())))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessageContaining("'" + h.name() + "'")
                    .hasMessageContaining(h.address())
                    .hasMessageContaining("ssh-ed25519")
                    .hasMessageContaining(fingerprint)
                    .hasMessageContaining("--accept-new-host-keys");
        }
        assertThat(Files.readString(known)).isEmpty();
        try (SshTransport tofu = transport(options(known, true), Map.of())) {
            assertThat(tofu.open(target(h, Map.of())).exec("echo ok").stdout()).isEqualTo("ok\n");
        }
        assertThat(Files.readString(known).strip()).isEqualTo(h.hostKeyLine());
        try (SshTransport strict = transport(options(known, false), Map.of())) {
            assertThat(strict.open(target(h, Map.of())).exec("echo again").stdout())
                    .isEqualTo("again\n");
        }
    }

    @Test
    void changedHostKeyIsAlwaysRefused() throws Exception {
        LabHost h = host(6);
        Path known = Files.createTempFile(LAB.workDir(), "known", "");
        String old = h.hostKeyLine();
        Files.writeString(known, host(5).hostKeyLine() + "\n" + old + "\n");
        h.regenerateHostKey();
        assertThat(h.hostKeyLine()).isNotEqualTo(old);
        String fingerprint =
                h.exec("ssh-keygen", "-lf", "/etc/ssh/ssh_host_ed25519_key.pub").split(" ")[1];
        for (boolean acceptNew : new boolean[] {false, true}) {
            try (SshTransport ssh = transport(options(known, acceptNew), Map.of())) {
                assertThatThrownBy(() -> ssh.open(target(h, Map.of())))
                        .as("acceptNew=" + acceptNew)
                        .isInstanceOf(HostUnreachableException.class)
                        .hasMessageContaining("REMOTE HOST KEY CHANGED")
                        .hasMessageContaining("'" + h.name() + "'")
                        .hasMessageContaining(fingerprint)
                        .hasMessageContaining(known + " line 2")
                        .hasMessageContaining("ssh-keygen -R");
            }
        }
        assertThat(Files.readString(known)).isEqualTo(host(5).hostKeyLine() + "\n" + old + "\n");
    }

    @Test
    void stoppedHostIsUnreachableWhileOthersFinish() throws Exception {
        LabHost victim = host(7);
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
                    .cause()
                    .hasMessageContaining("'" + victim.name() + "'")
                    .hasMessageContaining("dropped");
            assertThatThrownBy(() -> conns.get(4).exec("true"))
                    .isInstanceOf(HostUnreachableException.class);
            pool.shutdown();
            assertThatThrownBy(() -> ssh.open(target(victim, Map.of())))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessageContaining("connection refused")
                    .hasMessageContaining("3 attempts");
            for (int i = 0; i < 4; i++) {
                assertThat(conns.get(i).exec("echo after").stdout()).isEqualTo("after\n");
            }
        }
    }

    @Test
    void proxyJumpThroughOneLabHostToOthers() throws Exception {
        LabHost bastion = host(1);
        int bastionBefore = bastion.acceptedConnections();
        Map<Integer, Integer> targetsBefore =
                Map.of(4, host(4).acceptedConnections(), 5, host(5).acceptedConnections());
        try (SshTransport ssh = transport()) {
            for (int i : new int[] {4, 5}) {
                Map<String, Object> via =
                        Map.of(
                                "ansible_ssh_common_args",
                                "-o StrictHostKeyChecking=no -o ProxyJump=root@"
                                        + bastion.address());
                Connection c = ssh.open(target(host(i), via));
                assertThat(c.exec("echo through").stdout()).isEqualTo("through\n");
            }
            assertThat(ssh.sessionsOpened()).as("one bastion session, two targets").isEqualTo(3);
        }
        assertThat(bastion.acceptedConnections() - bastionBefore)
                .as("logins on the bastion")
                .isEqualTo(1);
        for (int i : new int[] {4, 5}) {
            assertThat(host(i).acceptedConnections() - targetsBefore.get(i)).isEqualTo(1);
        }
    }

    @Test
    void proxyJumpDoesNotSwitchOffHostKeyChecking() throws Exception {
        LabHost bastion = host(1);
        Path known =
                Files.writeString(
                        LAB.workDir().resolve("bastion-only"), bastion.hostKeyLine() + "\n");
        try (SshTransport ssh = transport(options(known, false), Map.of())) {
            Map<String, Object> via =
                    Map.of(
                            "ansible_ssh_common_args",
                            "-o StrictHostKeyChecking=no -o ProxyJump=root@" + bastion.address());
            assertThatThrownBy(() -> ssh.open(target(host(4), via)))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessageContaining("not known")
                    .hasMessageContaining("--accept-new-host-keys");
        }
    }

    @Test
    void becomeRootAsDeployWithoutPassword() throws Exception {
        try (SshTransport ssh = transport()) {
            Connection c = ssh.open(target(host(2), Map.of("ansible_user", "deploy")));
            assertThat(c.exec("id -un").stdout()).isEqualTo("deploy\n");
            Remote asRoot = Become.wrap(c, "root", null);
            ExecResult r = asRoot.exec("id -un; cat", "piped".getBytes(StandardCharsets.UTF_8), T);
            assertThat(r.stdout()).isEqualTo("root\npiped");
            assertThat(r.stderr()).isEmpty();
            asRoot.upload("x".getBytes(StandardCharsets.UTF_8), "/root/become-upload", "0600");
            assertThat(host(2).exec("stat", "-c", "%a %U %s", "/root/become-upload"))
                    .isEqualTo("600 root 1\n");
            ExecResult own =
                    Become.wrap(c, "nobody", null).exec("id -un; echo err >&2; exit 7", null, T);
            assertThat(own).isEqualTo(new ExecResult(7, "nobody\n", "err\n", null));
        }
    }

    @Test
    void becomeAsSecureNeedsTheSudoPassword() throws Exception {
        try (SshTransport ssh = transport()) {
            Connection c = ssh.open(target(host(3), Map.of("ansible_user", "secure")));
            ExecResult without = Become.wrap(c, "root", null).exec("id -un", null, T);
            assertThat(without.rc()).isNotZero();
            assertThat(without.stdout()).isEmpty();
            assertThat(without.stderr())
                    .contains("become failed")
                    .contains("sudo needs a password")
                    .contains("--ask-become-pass");

            Remote asRoot = Become.wrap(c, "root", "lab-sudo-pass".toCharArray());
            ExecResult with =
                    asRoot.exec(
                            "id -un; cat",
                            "after the password".getBytes(StandardCharsets.UTF_8),
                            T);
            assertThat(with).isEqualTo(new ExecResult(0, "root\nafter the password", "", null));
            // timestamp_timeout=0: sudo asks every time, and gets the password every time
            assertThat(asRoot.exec("id -u", null, T).stdout()).isEqualTo("0\n");
            asRoot.upload("s".getBytes(StandardCharsets.UTF_8), "/root/secure-upload", "0644");
            assertThat(host(3).exec("stat", "-c", "%a %U", "/root/secure-upload"))
                    .isEqualTo("644 root\n");

            ExecResult wrong =
                    Become.wrap(c, "root", "not-it".toCharArray()).exec("id -un", null, T);
            assertThat(wrong.rc()).isNotZero();
            assertThat(wrong.stdout()).isEmpty();
            assertThat(wrong.stderr())
                    .contains("rejected the become password")
                    .contains("--ask-become-pass");
        }
    }

    @Test
    void passwordLoginOnlyWhenAskedFor() throws Exception {
        LabHost h = host(4);
        Map<String, Object> noKey = new HashMap<>();
        noKey.put("ansible_user", "secure");
        noKey.put("ansible_ssh_private_key_file", null);
        try (SshTransport ssh = transport()) {
            assertThatThrownBy(() -> ssh.open(target(h, noKey)))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessageContaining("authentication failed")
                    .hasMessageContaining("'secure'");
        }
        String grep = "grep -c '^Accepted password for secure ' /var/log/sshd.log || true";
        assertThat(h.exec("sh", "-c", grep).strip()).isEqualTo("0");

        ConnectionOptions asked =
                options(LAB.knownHosts(), false, null, "lab-login-pass".toCharArray(), null);
        try (SshTransport ssh = transport(asked, Map.of())) {
            Connection c = ssh.open(target(h, noKey, asked));
            assertThat(c.exec("id -un").stdout()).isEqualTo("secure\n");
        }
        assertThat(h.exec("sh", "-c", grep).strip()).isEqualTo("1");

        ConnectionOptions wrong =
                options(LAB.knownHosts(), false, null, "nope".toCharArray(), null);
        try (SshTransport ssh = transport(wrong, Map.of())) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> ssh.open(target(h, noKey, wrong)))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessageContaining("authentication failed")
                    .hasMessageContaining("and the password")
                    .hasMessageNotContaining("attempts");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void wrongKeyIsAnAuthFailureAndNotRetried() throws Exception {
        Path other = LAB.workDir().resolve("stranger");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        try (SshTransport ssh = transport()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(
                            () ->
                                    ssh.open(
                                            target(
                                                    host(3),
                                                    Map.of(
                                                            "ansible_ssh_private_key_file",
                                                            other.toString()))))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessageContaining("authentication failed for '" + host(3).name() + "'")
                    .hasMessageContaining(other.toString())
                    .hasMessageNotContaining("attempts");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void rsaAndEncryptedKeys() throws Exception {
        Path rsa = LAB.workDir().resolve("rsa_key");
        run("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", rsa.toString());
        Path enc = LAB.workDir().resolve("enc_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "open sesame", "-f", enc.toString());
        host(4).exec(
                        "sh",
                        "-c",
                        "printf '%s\\n' "
                                + Shell.quote(Files.readString(Path.of(rsa + ".pub")).strip())
                                + " >>/root/.ssh/authorized_keys");
        host(5).exec(
                        "sh",
                        "-c",
                        "printf '%s\\n' "
                                + Shell.quote(Files.readString(Path.of(enc + ".pub")).strip())
                                + " >>/root/.ssh/authorized_keys");

        try (SshTransport ssh = transport()) {
            Connection c =
                    ssh.open(
                            target(
                                    host(4),
                                    Map.of("ansible_ssh_private_key_file", rsa.toString())));
            assertThat(c.exec("echo rsa").stdout()).isEqualTo("rsa\n");
            assertThatThrownBy(
                            () ->
                                    ssh.open(
                                            target(
                                                    host(5),
                                                    Map.of(
                                                            "ansible_ssh_private_key_file",
                                                            enc.toString()))))
                    .hasMessageContaining("is encrypted")
                    .hasMessageContaining("--key-passphrase-env")
                    .hasMessageContaining("--ask-key-passphrase");
        }
        try (SshTransport ssh =
                transport(
                        options(LAB.knownHosts(), false, "RM_PASS", null, null),
                        Map.of("RM_PASS", "open sesame"))) {
            Connection c =
                    ssh.open(
                            target(
                                    host(5),
                                    Map.of("ansible_ssh_private_key_file", enc.toString())));
            assertThat(c.exec("echo decrypted").stdout()).isEqualTo("decrypted\n");
        }
        ConnectionOptions typed = options(LAB.knownHosts(), false);
        typed =
                new ConnectionOptions(
                        false,
                        typed.knownHosts(),
                        typed.sshConfig(),
                        typed.connectTimeout(),
                        typed.connectRetries(),
                        null,
                        null,
                        null,
                        "open sesame".toCharArray());
        try (SshTransport ssh = transport(typed, Map.of())) {
            Connection c =
                    ssh.open(
                            target(
                                    host(5),
                                    Map.of("ansible_ssh_private_key_file", enc.toString())));
            assertThat(c.exec("echo prompted").stdout()).isEqualTo("prompted\n");
        }
        ConnectionOptions wrong =
                new ConnectionOptions(
                        false,
                        typed.knownHosts(),
                        typed.sshConfig(),
                        typed.connectTimeout(),
                        typed.connectRetries(),
                        null,
                        null,
                        null,
                        "wrong".toCharArray());
        try (SshTransport ssh = transport(wrong, Map.of())) {
            assertThatThrownBy(
                            () ->
                                    ssh.open(
                                            target(
                                                    host(5),
                                                    Map.of(
                                                            "ansible_ssh_private_key_file",
                                                            enc.toString()))))
                    .hasMessageContaining("typed at the prompt does not decrypt");
        }
    }

    @Test
    void sshAgentKeys() throws Exception {
        Path sock = LAB.workDir().resolve("agent.sock");
        String out = run("ssh-agent", "-a", sock.toString(), "-s");
        String pid = out.replaceAll("(?s).*SSH_AGENT_PID=(\\d+);.*", "$1");
        try {
            ProcessBuilder add = new ProcessBuilder("ssh-add", LAB.privateKey().toString());
            add.environment().put("SSH_AUTH_SOCK", sock.toString());
            assertThat(add.redirectErrorStream(true).start().waitFor()).isZero();
            try (SshTransport ssh =
                    transport(
                            options(LAB.knownHosts(), false),
                            Map.of("SSH_AUTH_SOCK", sock.toString()))) {
                Map<String, Object> vars = new HashMap<>();
                vars.put("ansible_host", host(2).address());
                vars.put("ansible_user", "root");
                Connection c = ssh.open(new ConnectionTarget("agent-host", vars, null));
                assertThat(c.exec("echo agent").stdout()).isEqualTo("agent\n");
            }
        } finally {
            run("kill", pid);
        }
    }
}
