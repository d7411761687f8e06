package io.ringmaster.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/** One lab host: a container running sshd on {@code address():22} (host network, loopback only). */
public final class LabHost {

    static final String HOST_KEY = "/etc/ssh/ssh_host_ed25519_key";
    static final String SSHD_LOG = "/var/log/sshd.log";

    private final String name;
    private final String address;
    private final GenericContainer<?> container;

    LabHost(String name, String address, GenericContainer<?> container) {
        this.name = Objects.requireNonNull(name);
        this.address = Objects.requireNonNull(address);
        this.container = Objects.requireNonNull(container);
    }

    /** Inventory name: lab1, lab2, ... */
    public String name() {
        return name;
    }

    /** Loopback address whose port 22 this host's sshd listens on. */
    public String address() {
        return address;
    }

    /**
     * Runs {@code cmd} inside the host as root (not over ssh) and returns its stdout; throws on a
     * non-zero exit.
     */
    public String exec(String... cmd) {
        ExecResult r;
        try {
            r = container.execInContainer(cmd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while running " + String.join(" ", cmd) + " on " + name, e);
        }
        if (r.getExitCode() != 0) {
            throw new IllegalStateException(
                    name
                            + " ("
                            + address
                            + "): '"
                            + String.join(" ", cmd)
                            + "' exited "
                            + r.getExitCode()
                            + ": "
                            + r.getStderr().strip());
        }
        return r.getStdout();
    }

    /** Stops the container: the host no longer answers on its address (connection refused). */
    public void stop() {
        container
                .getDockerClient()
                .stopContainerCmd(container.getContainerId())
                .withTimeout(2)
                .exec();
    }

    /**
     * Replaces the host key with a new ed25519 key and restarts sshd (SIGHUP), waiting until it
     * listens again.
     */
    public void regenerateHostKey() {
        exec(
                "sh",
                "-ec",
                "rm -f "
                        + HOST_KEY
                        + " "
                        + HOST_KEY
                        + ".pub /run/sshd.pid\n"
                        + "ssh-keygen -q -t ed25519 -N '' -C lab@"
                        + address
                        + " -f "
                        + HOST_KEY
                        + "\n"
                        + "kill -HUP 1\n"
                        // the re-executed sshd writes its pid file once it listens again
                        + "i=0; while [ ! -s /run/sshd.pid ]; do i=$((i+1)); [ $i -lt 100 ] || exit 1; sleep 0.05; done");
        awaitListening(Duration.ofSeconds(5));
    }

    /**
     * Logins sshd accepted so far ("Accepted publickey" and "Accepted password" lines in its log).
     */
    public int acceptedConnections() {
        String out =
                exec(
                        "sh",
                        "-c",
                        "grep -cE '^Accepted (publickey|password) for ' " + SSHD_LOG + " || true");
        return Integer.parseInt(out.strip());
    }

    /** The known_hosts line for the host's current key: {@code ADDRESS ssh-ed25519 AAAA...}. */
    public String hostKeyLine() {
        String[] pub = exec("cat", HOST_KEY + ".pub").strip().split("\\s+");
        return address + " " + pub[0] + " " + pub[1];
    }

    @Override
    public String toString() {
        return name + "@" + address;
    }

    GenericContainer<?> container() {
        return container;
    }

    boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, 22), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!listening()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name + ": sshd not listening on " + address + ":22 after " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
