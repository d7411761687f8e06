package io.ringmaster.connection.ssh;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import io.ringmaster.connection.ConnectionTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves a host's variables and the ssh config file into an {@link SshTarget}, with Ansible's
 * precedence: host variables first ({@code ansible_host}, {@code ansible_port}, {@code
 * ansible_user}, {@code ansible_ssh_private_key_file}, {@code ansible_password}, {@code
 * ssh_proxy_jump}, {@code ansible_ssh_common_args}), then the matching {@code Host} blocks of the
 * ssh config, then defaults.
 */
public final class TargetResolver {
    static final List<String> DEFAULT_IDENTITIES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final ConfigRepository config;
    private final Path home;
    private final String localUser;

    /**
     * A resolver reading {@code sshConfig} (absent file: no config), for a user with {@code home}.
     */
    public TargetResolver(Path sshConfig, Path home, String localUser) {
        this.config = load(sshConfig);
        this.home = home;
        this.localUser = localUser;
    }

    /** A resolver for the current user. */
    public static TargetResolver forCurrentUser(Path sshConfig) {
        return new TargetResolver(
                sshConfig,
                Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"));
    }

    /**
     * Resolves {@code target}; malformed values raise IllegalArgumentException with the variable
     * named.
     */
    public SshTarget resolve(ConnectionTarget target) {
        String alias = target.string("ansible_host", target.inventoryName());
        ConfigRepository.Config c = config.getConfig(alias);
        String host = firstNonNull(c.getHostname(), alias);
        int port = port(target, c);
        String user =
                firstNonNull(
                        target.string("ansible_user", null),
                        target.string("ansible_ssh_user", null),
                        c.getUser(),
                        localUser);
        List<String> explicit = explicitKeys(target, c);
        List<String> keys = explicit.isEmpty() ? defaultKeys() : explicit;
        Endpoint endpoint = new Endpoint(target.inventoryName(), host, port, user, keys);

        List<Endpoint> jumps = new ArrayList<>();
        for (JumpSpec j : jumpSpecs(target, c)) {
            jumps.add(jumpEndpoint(j, keys));
        }
        char[] password = password(target);
        return new SshTarget(target.inventoryName(), endpoint, jumps, password);
    }

    private Endpoint jumpEndpoint(JumpSpec j, List<String> targetKeys) {
        ConfigRepository.Config c = config.getConfig(j.host());
        String host = firstNonNull(c.getHostname(), j.host());
        int port = j.port() != null ? j.port() : c.getPort() > 0 ? c.getPort() : 22;
        String user = firstNonNull(j.user(), c.getUser(), localUser);
        List<String> configured = expand(c.getValues("IdentityFile"));
        List<String> keys = new ArrayList<>(configured);
        for (String k : targetKeys) {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }
        return new Endpoint(j.toString(), host, port, user, keys);
    }

    private List<JumpSpec> jumpSpecs(ConnectionTarget target, ConfigRepository.Config c) {
        String value = target.string("ssh_proxy_jump", null);
        if (value == null) {
            value = CommonArgs.proxyJump(target.string("ansible_ssh_common_args", ""));
        }
        if (value == null) {
            value = c.getValue("ProxyJump");
        }
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<JumpSpec> specs = new ArrayList<>();
        for (String hop : value.split(",")) {
            specs.add(JumpSpec.parse(hop));
        }
        return specs;
    }

    private static int port(ConnectionTarget target, ConfigRepository.Config c) {
        String p = target.string("ansible_port", target.string("ansible_ssh_port", null));
        if (p == null) {
            return c.getPort() > 0 ? c.getPort() : 22;
        }
        try {
            int port = Integer.parseInt(p.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "ansible_port of '"
                            + target.inventoryName()
                            + "' must be a port number 1-65535, got '"
                            + p
                            + "'",
                    e);
        }
    }

    private List<String> explicitKeys(ConnectionTarget target, ConfigRepository.Config c) {
        String v =
                target.string(
                        "ansible_ssh_private_key_file",
                        target.string("ansible_private_key_file", null));
        if (v != null && !v.isBlank()) {
            return List.of(expandOne(v.strip()));
        }
        return expand(c.getValues("IdentityFile"));
    }

    private List<String> defaultKeys() {
        List<String> keys = new ArrayList<>();
        for (String name : DEFAULT_IDENTITIES) {
            Path p = home.resolve(".ssh").resolve(name);
            if (Files.isReadable(p)) {
                keys.add(p.toString());
            }
        }
        return keys;
    }

    private List<String> expand(String[] values) {
        return values == null ? List.of() : Arrays.stream(values).map(this::expandOne).toList();
    }

    private String expandOne(String path) {
        if (path.equals("~")) {
            return home.toString();
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2)).toString();
        }
        return path;
    }

    private static char[] password(ConnectionTarget target) {
        String v = target.string("ansible_password", target.string("ansible_ssh_pass", null));
        if (v != null) {
            return v.toCharArray();
        }
        char[] p = target.options() == null ? null : target.options().password();
        return p == null ? null : p.clone();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static ConfigRepository load(Path sshConfig) {
        if (sshConfig == null || !Files.isRegularFile(sshConfig)) {
            return ConfigRepository.nullConfig;
        }
        try {
            return OpenSSHConfig.parseFile(sshConfig.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read ssh config " + sshConfig + ": " + e.getMessage(), e);
        }
    }
}
