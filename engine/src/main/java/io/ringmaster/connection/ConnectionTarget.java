package io.ringmaster.connection;

import java.util.Map;

/**
 * Where and how to reach one host, taken from its variables.
 *
 * @param inventoryName the host's name in the inventory
 * @param vars all of the host's variables (ansible_host, ansible_port, ansible_user,
 *     ansible_ssh_private_key_file, ansible_ssh_common_args, ssh_proxy_jump, ansible_become, ...)
 * @param options run-wide connection options from the command line
 */
public record ConnectionTarget(
        String inventoryName, Map<String, Object> vars, ConnectionOptions options) {

    public String string(String key, String fallback) {
        Object v = vars.get(key);
        return v == null ? fallback : String.valueOf(v);
    }
}
