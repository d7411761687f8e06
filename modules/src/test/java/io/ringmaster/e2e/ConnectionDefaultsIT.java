package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.lab.LabExtension;
import io.ringmaster.lab.LabHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's connection defaults on the real runnable jar (its own JVM, its own environment) and a
 * real OpenSSH lab host whose inventory line names only the address: {@code -u} and {@code
 * --private-key} supply user and key; so does an {@code ansible.cfg} ({@code ANSIBLE_CONFIG}) with
 * {@code inventory}, {@code remote_user} and {@code private_key_file}; {@code RINGMASTER_*} and
 * {@code ANSIBLE_*} variables override its keys, and the inventory's own variables beat both.
 */
class ConnectionDefaultsIT {
    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(1);

    @TempDir static Path dir;
    static Path bare;
    static Path playbook;
    static LabHost host;

    @BeforeAll
    static void files() throws IOException {
        host = LAB.hosts().get(0);
        bare =
                write(
                        "bare.ini",
                        "[hypervisors]\n" + host.name() + " ansible_host=" + host.address() + "\n");
        playbook =
                write(
                        "pb.yml",
                        """
                        - hosts: all
                          gather_facts: false
                          tasks:
                            - name: who
                              command: id -un
                              register: who
                            - assert: {that: ['$who.stdout == "root"']}
                        """);
    }

    @Test
    void withoutUserAndKeyTheHostIsUnreachableAndSaysWhy() throws Exception {
        Run r =
                ringmaster(
                        Map.of(),
                        "play",
                        playbook.toString(),
                        "-i",
                        bare.toString(),
                        "-u",
                        "nobody-here");
        assertThat(r.code()).as(r.out()).isEqualTo(3);
        assertThat(r.out()).contains("UNREACHABLE").contains(host.name());
    }

    @Test
    void dashUAndPrivateKeySupplyUserAndKey() throws Exception {
        Run r =
                ringmaster(
                        Map.of(),
                        "play",
                        playbook.toString(),
                        "-i",
                        bare.toString(),
                        "-u",
                        "root",
                        "--private-key",
                        LAB.privateKey().toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("ok=2");
    }

    @Test
    void ansibleCfgSuppliesInventoryUserAndKeyAndTheEnvironmentOverridesIt() throws Exception {
        Path cfg =
                write(
                        "ansible.cfg",
                        "[defaults]\ninventory = "
                                + bare
                                + "\nremote_user = root\nprivate_key_file = "
                                + LAB.privateKey()
                                + "\nforks = 1\ntimeout = 5\n");
        Map<String, String> env = Map.of("ANSIBLE_CONFIG", cfg.toString());
        Run fromFile = ringmaster(env, "play", playbook.toString());
        assertThat(fromFile.code()).as(fromFile.out()).isZero();
        assertThat(fromFile.out()).contains("ok=2");

        Run overridden =
                ringmaster(
                        Map.of(
                                "ANSIBLE_CONFIG",
                                cfg.toString(),
                                "RINGMASTER_REMOTE_USER",
                                "nobody-here"),
                        "play",
                        playbook.toString());
        assertThat(overridden.code()).as(overridden.out()).isEqualTo(3);

        Path withUser =
                write(
                        "user.ini",
                        "[hypervisors]\n"
                                + host.name()
                                + " ansible_host="
                                + host.address()
                                + " ansible_user=root\n");
        Run inventoryWins =
                ringmaster(
                        Map.of(
                                "ANSIBLE_CONFIG",
                                cfg.toString(),
                                "ANSIBLE_REMOTE_USER",
                                "nobody-here"),
                        "play",
                        playbook.toString(),
                        "-i",
                        withUser.toString());
        assertThat(inventoryWins.code()).as(inventoryWins.out()).isZero();
    }

    record Run(int code, String out) {}

    /** The runnable jar in its own JVM, with the lab's known_hosts, {@code env} added. */
    private static Run ringmaster(Map<String, String> env, String... args) throws Exception {
        Path jar = Path.of("target/ringmaster.jar").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--known-hosts", LAB.knownHosts().toString()));
        ProcessBuilder pb =
                new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("ANSIBLE_") || k.startsWith("RINGMASTER_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(out).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
