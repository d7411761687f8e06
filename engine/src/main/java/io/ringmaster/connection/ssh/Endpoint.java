package io.ringmaster.connection.ssh;

import java.util.List;

/**
 * One SSH server to log in to, fully resolved: address, port, user and the private keys to offer.
 *
 * @param alias the name the user wrote (inventory name, or the jump host as written)
 * @param host the address or DNS name to connect to
 * @param port the TCP port
 * @param user the login user
 * @param identities private key files to offer, in order
 */
public record Endpoint(String alias, String host, int port, String user, List<String> identities) {

    public Endpoint {
        identities = List.copyOf(identities);
    }

    /**
     * The name under which known_hosts records this server: {@code host} or {@code [host]:port}.
     */
    public String knownHostsName() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** {@code user@host:port}, for messages. */
    public String display() {
        return user + "@" + host + ":" + port;
    }
}
