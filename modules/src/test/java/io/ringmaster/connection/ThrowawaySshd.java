package io.ringmaster.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway OpenSSH servers on 127.0.77.x:22, one per "host", all started by this JVM, until the shared
 * {@code io.ringmaster.lab.LabExtension} lands. Its API mirrors the lab's ({@code hosts()}, {@code privateKey()},
 * {@code knownHosts()}, {@code workDir()}; hosts with {@code name()}, {@code address()}, {@code exec()},
 * {@code stop()}, {@code regenerateHostKey()}, {@code acceptedConnections()}, {@code hostKeyLine()}), so moving the
 * ITs onto the lab changes only their set-up. The login user is the current user (root here); commands given to
 * {@link Host#exec} run on this machine, which is where these sshds live.
 */
final class ThrowawaySshd implements AutoCloseable {
    private final Path workDir;
    private final Path privateKey;
    private final Path knownHosts;
    private final List<Host> hosts = new ArrayList<>();

    private ThrowawaySshd(Path workDir) {
        this.workDir = workDir;
        this.privateKey = workDir.resolve("id_ed25519");
        this.knownHosts = workDir.resolve("known_hosts");
    }

    /** Starts {@code n} sshds on 127.0.77.{first}..; their host keys are written to {@link #knownHosts()}. */
    static ThrowawaySshd start(int n, int first) throws IOException, InterruptedException {
        ThrowawaySshd lab = new ThrowawaySshd(Files.createTempDirectory("ringmaster-sshd"));
        Files.createDirectories(Path.of("/run/sshd"));
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", lab.privateKey.toString());
        Files.copy(Path.of(lab.privateKey + ".pub"), lab.workDir.resolve("authorized_keys"));
        StringBuilder known = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Host h = new Host(lab, "host" + (i + 1), "127.0.77." + (first + i));
            h.start();
            known.append(h.hostKeyLine()).append('\n');
            lab.hosts.add(h);
        }
        Files.writeString(lab.knownHosts, known);
        return lab;
    }

    List<Host> hosts() {
        return hosts;
    }

    Path workDir() {
        return workDir;
    }

    Path privateKey() {
        return privateKey;
    }

    Path knownHosts() {
        return knownHosts;
    }

    @Override
    public void close() {
        hosts.forEach(Host::stop);
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** One sshd in the foreground, a child of this JVM. */
    static final class Host {
        private final ThrowawaySshd lab;
        private final String name;
        private final String address;
        private final Path dir;
        private Process sshd;

        Host(ThrowawaySshd lab, String name, String address) {
            this.lab = lab;
            this.name = name;
            this.address = address;
            this.dir = lab.workDir.resolve(name);
        }

        String name() {
            return name;
        }

        String address() {
            return address;
        }

        private Path hostKey() {
            return dir.resolve("ssh_host_ed25519_key");
        }

        void start() throws IOException, InterruptedException {
            Files.createDirectories(dir);
            if (!Files.exists(hostKey())) {
                run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey().toString());
            }
            Path config = dir.resolve("sshd_config");
            Files.writeString(config, String.join("\n",
                    "ListenAddress " + address + ":22",
                    "HostKey " + hostKey(),
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + lab.workDir.resolve("authorized_keys"),
                    "StrictModes no",
                    "UsePAM no",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "AllowTcpForwarding yes",
                    "MaxStartups 500",
                    "MaxSessions 50",
                    "LogLevel VERBOSE",
                    "Subsystem sftp /usr/lib/openssh/sftp-server", ""));
            sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-f", config.toString(), "-E",
                    dir.resolve("sshd.log").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sshd.out").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!listening()) {
                if (!sshd.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("sshd on " + address + " did not start: "
                            + Files.readString(dir.resolve("sshd.out")));
                }
                Thread.sleep(20);
            }
        }

        private boolean listening() {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, 22), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** Runs a command where this host lives (this machine). */
        String exec(String... cmd) {
            try {
                return run(cmd);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Kills the sshd and every session process it started, like a host going away. */
        void stop() {
            if (sshd != null) {
                // the network side first (sshd processes), so no session can report its shell's death
                List<ProcessHandle> all = sshd.descendants().toList();
                sshd.destroyForcibly();
                all.stream().filter(p -> p.info().command().orElse("").endsWith("sshd"))
                        .forEach(ProcessHandle::destroyForcibly);
                all.forEach(ProcessHandle::destroyForcibly);
                try {
                    sshd.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** A new host key: stop, replace the key, start again. */
        void regenerateHostKey() throws IOException, InterruptedException {
            stop();
            Files.delete(hostKey());
            Files.delete(Path.of(hostKey() + ".pub"));
            start();
        }

        /** Logins accepted by this sshd so far. */
        int acceptedConnections() throws IOException {
            return (int) Files.readAllLines(dir.resolve("sshd.log")).stream()
                    .filter(l -> l.contains("Accepted publickey")).count();
        }

        /** This host's known_hosts line. */
        String hostKeyLine() {
            try {
                String[] pub = Files.readString(Path.of(hostKey() + ".pub")).strip().split(" ");
                return address + " " + pub[0] + " " + pub[1];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
