package io.ringmaster.lab;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts N real OpenSSH hosts (containers of the image lab/setup builds) for one test class:
 *
 * <pre>{@code @RegisterExtension static final LabExtension LAB = LabExtension.hosts(5);}</pre>
 *
 * Each host listens on its own loopback address 127.0.B.i:22 (host network), B unique per
 * extension. Users root, deploy (sudo NOPASSWD) and secure (sudo password lab-sudo-pass, login
 * password lab-login-pass) all accept {@link #privateKey()}. Needs a running Docker daemon: run
 * {@code lab/setup} as root; without one the tests fail, unless {@code -Dringmaster.skipLab=true}
 * is given, which skips them.
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String SKIP_PROPERTY = "ringmaster.skipLab";

    /** A 1 MiB tmpfs on every host, for tests that need a full disk. */
    public static final String TINY_DIR = "/mnt/rms-tiny";

    private final int size;
    private final AtomicInteger inventories = new AtomicInteger();
    private List<LabHost> hosts = List.of();
    private Path workDir;
    private Thread shutdownHook;

    private LabExtension(int size) {
        this.size = size;
    }

    /** A lab of {@code n} hosts (1..254), named lab1..labN. */
    public static LabExtension hosts(int n) {
        if (n < 1 || n > 254) {
            throw new IllegalArgumentException("lab size must be 1..254, was " + n);
        }
        return new LabExtension(n);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (Boolean.getBoolean(SKIP_PROPERTY)) {
            Assumptions.abort("lab tests skipped (-D" + SKIP_PROPERTY + "=true)");
        }
        long t0 = System.nanoTime();
        checkDocker();
        long t1 = System.nanoTime();
        workDir = Files.createTempDirectory("ringmaster-lab-");
        shutdownHook = new Thread(this::cleanUp, "ringmaster-lab-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            start(context.getDisplayName());
            System.err.printf(
                    "lab: %d hosts on %s1..%d up in %.1f s (docker check %.1f s)%n",
                    size,
                    hosts.get(0).address().replaceAll("\\d+$", ""),
                    size,
                    (System.nanoTime() - t0) / 1e9,
                    (t1 - t0) / 1e9);
        } catch (Exception | Error e) {
            cleanUp();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        long t0 = System.nanoTime();
        int n = hosts.size();
        cleanUp();
        if (n > 0) {
            System.err.printf(
                    "lab: %d hosts removed in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    public List<LabHost> hosts() {
        return hosts;
    }

    public Path workDir() {
        return workDir;
    }

    public Path privateKey() {
        return workDir.resolve("id_ed25519");
    }

    /** known_hosts with one plain {@code ADDRESS ssh-ed25519 KEY} line per host, as started. */
    public Path knownHosts() {
        return workDir.resolve("known_hosts");
    }

    /**
     * Ansible INI inventory: group [hypervisors] with every host as root with {@link
     * #privateKey()}.
     */
    public Path inventory() {
        return workDir.resolve("inventory.ini");
    }

    /**
     * Writes a new inventory: {@link #inventory()}'s text followed by {@code extraIniText}; returns
     * its path.
     */
    public Path writeInventory(String extraIniText) {
        Path p = workDir.resolve("inventory-" + inventories.incrementAndGet() + ".ini");
        return write(
                p,
                inventoryText() + "\n" + extraIniText + (extraIniText.endsWith("\n") ? "" : "\n"));
    }

    private void checkDocker() {
        String fix =
                "Run lab/setup as root (it installs and starts Docker and builds "
                        + LabImage.NAME
                        + "), or pass -D"
                        + SKIP_PROPERTY
                        + "=true to skip the lab tests explicitly.";
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))
                || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null) {
            throw new IllegalStateException(
                    "Lab tests need TESTCONTAINERS_RYUK_DISABLED=true and "
                            + "TESTCONTAINERS_HOST_OVERRIDE=localhost in the environment (failsafe sets both; "
                            + "set them in your IDE's run configuration).");
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("No Docker daemon for the lab. " + fix);
        }
        DockerClient docker = DockerClientFactory.instance().client();
        String label;
        try {
            Map<String, String> labels =
                    docker.inspectImageCmd(LabImage.NAME).exec().getConfig().getLabels();
            label = labels == null ? null : labels.get(LabImage.HASH_LABEL);
        } catch (NotFoundException e) {
            throw new IllegalStateException("Image " + LabImage.NAME + " is missing. " + fix, e);
        }
        LabImage.labDir()
                .ifPresent(
                        dir -> {
                            String want = LabImage.hash(dir);
                            if (!want.equals(label)) {
                                throw new IllegalStateException(
                                        "Image "
                                                + LabImage.NAME
                                                + " is stale (hash "
                                                + label
                                                + ", "
                                                + dir
                                                + " gives "
                                                + want
                                                + "). "
                                                + fix);
                            }
                        });
    }

    private void start(String owner) throws IOException, InterruptedException {
        run(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "ringmaster-lab-test",
                "-f",
                privateKey().toString());
        String publicKey = Files.readString(workDir.resolve("id_ed25519.pub")).strip();
        String prefix = LabAddresses.block(size);
        List<LabHost> started = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            String address = prefix + i;
            GenericContainer<?> c =
                    new GenericContainer<>(DockerImageName.parse(LabImage.NAME))
                            .withNetworkMode("host")
                            // a bind set on the create command directly: withFileSystemBind makes
                            // Testcontainers probe
                            // file mounting by pulling a helper image, which no registry here
                            // serves (200 s of retries)
                            .withCreateContainerCmdModifier(
                                    cmd ->
                                            cmd.getHostConfig()
                                                    .withBinds(
                                                            new Bind(
                                                                    "/var/run/libvirt",
                                                                    new Volume("/var/run/libvirt")))
                                                    // /dev/kvm as on a hypervisor (lab/up passes it
                                                    // too): preflight checks that it exists
                                                    .withDevices(
                                                            java.nio.file.Files.exists(
                                                                            java.nio.file.Path.of(
                                                                                    "/dev/kvm"))
                                                                    ? java.util.List.of(
                                                                            com.github.dockerjava
                                                                                    .api.model
                                                                                    .Device.parse(
                                                                                    "/dev/kvm"))
                                                                    : java.util.List.of()))
                            .withTmpFs(Map.of(TINY_DIR, "rw,size=1m"))
                            .withEnv("LAB_AUTHORIZED_KEY", publicKey)
                            .withLabel(
                                    "ringmaster.lab.test",
                                    Long.toString(ProcessHandle.current().pid()))
                            .withLabel("ringmaster.lab.owner", owner)
                            .withCommand("/usr/local/sbin/lab-host", address)
                            .waitingFor(
                                    new SshdListening(address)
                                            .withStartupTimeout(Duration.ofSeconds(30)));
            started.add(new LabHost("lab" + i, address, c));
        }
        hosts = List.copyOf(started);
        try {
            Startables.deepStart(hosts.stream().map(LabHost::container)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException(
                    "lab hosts did not start: " + e.getCause().getMessage(), e.getCause());
        }
        StringBuilder known = new StringBuilder();
        for (LabHost h : hosts) {
            known.append(h.hostKeyLine()).append('\n');
        }
        write(knownHosts(), known.toString());
        write(inventory(), inventoryText());
    }

    private String inventoryText() {
        StringBuilder ini = new StringBuilder("[hypervisors]\n");
        for (LabHost h : hosts) {
            ini.append(h.name())
                    .append(" ansible_host=")
                    .append(h.address())
                    .append(" ansible_user=root ansible_ssh_private_key_file=")
                    .append(privateKey())
                    .append('\n');
        }
        return ini.append("\n[all:vars]\nansible_connection=ssh\n").toString();
    }

    private synchronized void cleanUp() {
        for (LabHost h : hosts) {
            try {
                h.container().stop(); // stops and removes (Ryuk is disabled)
            } catch (RuntimeException e) {
                System.err.println("lab: could not remove " + h + ": " + e);
            }
        }
        hosts = List.of();
        if (workDir != null && Files.exists(workDir)) {
            try (Stream<Path> s = Files.walk(workDir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("lab: could not delete " + workDir + ": " + e);
            }
        }
    }

    private static Path write(Path p, String text) {
        try {
            return Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
