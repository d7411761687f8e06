package io.ringmaster.inventory;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import java.util.Map;

/**
 * Connection variables whose literal value can be checked when the inventory is loaded, so a typo
 * is reported with its position before any host is contacted rather than at connect time. A value
 * holding an expression ({@code ${base_port}}) is checked only when it is used.
 */
final class ConnectionVars {
    private ConnectionVars() {}

    static void check(String key, Object value, Position at) {
        if (!"ansible_port".equals(key) && !"ansible_ssh_port".equals(key) || value == null) {
            return;
        }
        if (value instanceof Number n
                && n.longValue() >= 1
                && n.longValue() <= 65535
                && n.doubleValue() == n.longValue()) {
            return;
        }
        String text = String.valueOf(value).strip();
        if (text.contains("$")) {
            return;
        }
        if (text.matches("\\d{1,5}")
                && Integer.parseInt(text) >= 1
                && Integer.parseInt(text) <= 65535) {
            return;
        }
        throw new UserError(
                at,
                key + "=" + text + " is not a port number",
                "write a number from 1 to 65535, e.g. " + key + "=22");
    }

    static void checkAll(Map<?, ?> vars, Position at) {
        vars.forEach((k, v) -> check(String.valueOf(k), v, at));
    }
}
