package io.ringmaster.connection.ssh;

import java.util.List;

/**
 * Everything needed to open one host's session.
 *
 * @param inventoryName the host's inventory name
 * @param endpoint the host itself
 * @param jumps ProxyJump hops, first hop first; empty for a direct connection
 * @param password login password when explicitly given, else null
 */
public record SshTarget(
        String inventoryName, Endpoint endpoint, List<Endpoint> jumps, char[] password) {

    public SshTarget {
        jumps = List.copyOf(jumps);
    }

    /** "inventory name (user@address:port[ via jump])", for messages. */
    public String describe() {
        StringBuilder sb =
                new StringBuilder("'")
                        .append(inventoryName)
                        .append("' (")
                        .append(endpoint.display());
        for (Endpoint j : jumps) {
            sb.append(" via ").append(j.display());
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return "SshTarget" + describe();
    }
}
