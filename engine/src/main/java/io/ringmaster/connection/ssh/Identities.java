package io.ringmaster.connection.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Private keys for the run: each key file is read (and decrypted) once, then offered by every
 * session that uses it. Keys from a running ssh-agent ({@code SSH_AUTH_SOCK}, through JSch's JDK
 * 16+ Unix socket support) are offered after the key files.
 */
final class Identities {
    private final JSch loader = new JSch();
    private final Map<String, Identity> loaded = new ConcurrentHashMap<>();
    private final String passphraseEnv;
    private final Map<String, String> env;
    private final IdentityRepository agent;

    private final char[] prompted;

    Identities(String passphraseEnv, Map<String, String> env) {
        this(passphraseEnv, null, env);
    }

    /**
     * {@code prompted}: a passphrase typed at the prompt, tried before the environment variable.
     */
    Identities(String passphraseEnv, char[] prompted, Map<String, String> env) {
        this.passphraseEnv = passphraseEnv;
        this.prompted = prompted;
        this.env = env;
        this.agent = agent(env.get("SSH_AUTH_SOCK"));
    }

    /** True when an ssh-agent answered. */
    boolean hasAgent() {
        return agent != null;
    }

    /** The identities to offer to {@code endpoint}; {@code who} names the host in messages. */
    IdentityRepository forEndpoint(Endpoint endpoint, String who) throws KeyProblem {
        List<Identity> ids = new ArrayList<>();
        for (String path : endpoint.identities()) {
            ids.add(load(path, who));
        }
        return new Offered(ids, agent);
    }

    private Identity load(String path, String who) throws KeyProblem {
        Identity id = loaded.get(path);
        if (id != null) {
            return id;
        }
        synchronized (loader) {
            id = loaded.get(path);
            if (id != null) {
                return id;
            }
            if (!Files.isReadable(Path.of(path))) {
                throw new KeyProblem(
                        "private key "
                                + path
                                + " for "
                                + who
                                + " does not exist or is not readable",
                        "check ansible_ssh_private_key_file (or IdentityFile in the ssh config)");
            }
            try {
                loader.addIdentity(path);
            } catch (JSchException e) {
                throw new KeyProblem(
                        "cannot read private key " + path + " for " + who + ": " + e.getMessage(),
                        "use an OpenSSH or PEM private key (ed25519, ecdsa or RSA)");
            }
            id = find(path);
            if (id.isEncrypted()) {
                decrypt(id, path, who);
            }
            loaded.put(path, id);
            return id;
        }
    }

    private void decrypt(Identity id, String path, String who) throws KeyProblem {
        if (prompted != null) {
            byte[] typed = new String(prompted).getBytes(StandardCharsets.UTF_8);
            try {
                if (id.setPassphrase(typed)) {
                    return;
                }
                if (passphraseEnv == null) {
                    throw new KeyProblem(
                            "the passphrase typed at the prompt does not decrypt private key "
                                    + path,
                            "run again and type the key's passphrase");
                }
            } catch (JSchException e) {
                throw new KeyProblem(
                        "cannot decrypt private key " + path + ": " + e.getMessage(),
                        "run again and type the key's passphrase");
            } finally {
                java.util.Arrays.fill(typed, (byte) 0);
            }
        }
        if (passphraseEnv == null) {
            throw new KeyProblem(
                    "private key "
                            + path
                            + " for "
                            + who
                            + " is encrypted and no passphrase was given",
                    "run with --ask-key-passphrase to type it, or put it in an environment variable named with "
                            + "--key-passphrase-env VAR, or load the key into ssh-agent (SSH_AUTH_SOCK)");
        }
        String pass = env.get(passphraseEnv);
        if (pass == null) {
            throw new KeyProblem(
                    "private key "
                            + path
                            + " is encrypted and the passphrase variable "
                            + passphraseEnv
                            + " is not set",
                    "export " + passphraseEnv + " before the run");
        }
        byte[] bytes = pass.getBytes(StandardCharsets.UTF_8);
        try {
            if (!id.setPassphrase(bytes)) {
                throw new KeyProblem(
                        "the passphrase in "
                                + passphraseEnv
                                + " does not decrypt private key "
                                + path,
                        "check the value of " + passphraseEnv);
            }
        } catch (JSchException e) {
            throw new KeyProblem(
                    "cannot decrypt private key " + path + ": " + e.getMessage(),
                    "check the value of " + passphraseEnv);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    private Identity find(String path) throws KeyProblem {
        for (Identity i : loader.getIdentityRepository().getIdentities()) {
            if (path.equals(i.getName())) {
                return i;
            }
        }
        throw new KeyProblem("private key " + path + " could not be loaded", null);
    }

    private static IdentityRepository agent(String socket) {
        if (socket == null || socket.isBlank() || !Files.exists(Path.of(socket))) {
            return null;
        }
        try {
            AgentIdentityRepository repo =
                    new AgentIdentityRepository(
                            new SSHAgentConnector(new UnixDomainSocketFactory(), Path.of(socket)));
            return repo.getStatus() == IdentityRepository.RUNNING ? repo : null;
        } catch (AgentProxyException | RuntimeException e) {
            return null;
        }
    }

    /** A key that cannot be used: what is wrong and how to fix it. */
    static final class KeyProblem extends Exception {
        private static final long serialVersionUID = 1L;
        private final String hint;

        KeyProblem(String what, String hint) {
            super(what);
            this.hint = hint;
        }

        String hint() {
            return hint;
        }
    }

    /** The identities one session offers: key files in order, then the agent's keys. */
    private record Offered(List<Identity> files, IdentityRepository agent)
            implements IdentityRepository {
        @Override
        public String getName() {
            return "ringmaster";
        }

        @Override
        public int getStatus() {
            return RUNNING;
        }

        @Override
        public Vector<Identity> getIdentities() {
            Vector<Identity> all = new Vector<>(files);
            if (agent != null) {
                all.addAll(agent.getIdentities());
            }
            return all;
        }

        @Override
        public boolean add(byte[] identity) {
            return false;
        }

        @Override
        public boolean remove(byte[] blob) {
            return false;
        }

        @Override
        public void removeAll() {
            // the run's keys stay loaded until the transport closes
        }
    }
}
