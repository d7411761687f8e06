package io.ringmaster.connection.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The host key decision for one session, given to JSch as its HostKeyRepository: checks the offered
 * key against known_hosts, records it when new keys are accepted, and remembers what was offered
 * and decided so that a refusal can be explained. Checking can never be switched off here: JSch
 * runs with StrictHostKeyChecking=yes and only a {@link HostKeyCheck.Known} key, or an unknown key
 * with accept-new, returns OK.
 */
final class HostKeyGate implements HostKeyRepository {
    private final KnownHostsFile knownHosts;
    private final Endpoint endpoint;
    private final boolean acceptNew;
    private volatile byte[] offered;
    private volatile HostKeyCheck decision;
    private volatile boolean recorded;

    HostKeyGate(KnownHostsFile knownHosts, Endpoint endpoint, boolean acceptNew) {
        this.knownHosts = knownHosts;
        this.endpoint = endpoint;
        this.acceptNew = acceptNew;
    }

    @Override
    public int check(String host, byte[] key) {
        offered = key.clone();
        HostKeyCheck c = knownHosts.check(endpoint.knownHostsName(), key);
        decision = c;
        if (c instanceof HostKeyCheck.Known) {
            return OK;
        }
        if (c instanceof HostKeyCheck.Changed) {
            return CHANGED;
        }
        if (acceptNew) {
            knownHosts.add(endpoint.knownHostsName(), key);
            recorded = true;
            return OK;
        }
        return NOT_INCLUDED;
    }

    /** The key the server offered, or null before key exchange. */
    byte[] offered() {
        return offered;
    }

    /** The known_hosts decision, or null before key exchange. */
    HostKeyCheck decision() {
        return decision;
    }

    /** True when this session's key was new and got recorded. */
    boolean recorded() {
        return recorded;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // keys are recorded only through check() with accept-new
    }

    @Override
    public void remove(String host, String type) {
        // never: a changed key is for the user to remove
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // never: a changed key is for the user to remove
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return knownHosts.file().toString();
    }

    @Override
    public HostKey[] getHostKey() {
        return new HostKey[0];
    }

    /**
     * Known key types for this endpoint, so that negotiation prefers a type already in known_hosts.
     */
    @Override
    public HostKey[] getHostKey(String host, String type) {
        List<HostKey> keys = new ArrayList<>();
        for (String t : knownHosts.typesFor(endpoint.knownHostsName())) {
            if ((type == null || type.equals(t)) && jschType(t) != HostKey.UNKNOWN) {
                try {
                    keys.add(new HostKey(endpoint.knownHostsName(), jschType(t), placeholder(t)));
                } catch (JSchException e) {
                    // a type JSch cannot represent: no preference for it
                }
            }
        }
        return keys.toArray(new HostKey[0]);
    }

    /**
     * A blob carrying only the type name: JSch only reads the type of these keys to order
     * algorithms.
     */
    private static byte[] placeholder(String type) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(4 + name.length).putInt(name.length).put(name).array();
    }

    private static int jschType(String type) {
        return switch (type) {
            case "ssh-rsa" -> HostKey.SSHRSA;
            case "ssh-ed25519" -> HostKey.ED25519;
            case "ecdsa-sha2-nistp256" -> HostKey.ECDSA256;
            case "ecdsa-sha2-nistp384" -> HostKey.ECDSA384;
            case "ecdsa-sha2-nistp521" -> HostKey.ECDSA521;
            case "ssh-ed448" -> HostKey.ED448;
            default -> HostKey.UNKNOWN;
        };
    }

    @Override
    public String toString() {
        byte[] k = offered;
        return "HostKeyGate["
                + endpoint.knownHostsName()
                + ", offered="
                + (k == null ? "none" : Base64.getEncoder().encodeToString(k))
                + "]";
    }
}
