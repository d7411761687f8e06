package io.ringmaster.executor;

import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Remote;
import java.util.Map;

/**
 * How the executor reaches hosts: one connection per host for the whole run, and privilege
 * escalation.
 */
public interface HostConnector {

    /** The host's connection, opened on first use and kept for the run. */
    Remote connect(String host, Map<String, Object> vars)
            throws HostUnreachableException, InterruptedException;

    /** {@code remote} with commands run as {@code user} through sudo. */
    Remote become(Remote remote, String user);

    /**
     * {@code remote} as {@code user} through sudo with the host's own password ({@code
     * ansible_become_password} from the inventory or vars), which wins over the one asked for with
     * -K, as in Ansible.
     */
    default Remote become(Remote remote, String user, char[] password) {
        return become(remote, user);
    }
}
