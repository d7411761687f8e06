package io.ringmaster.inventory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host name or range with an optional {@code :port}, as in {@code web[1:3]:2222} or {@code
 * [::1]:22}, the subset of Ansible's {@code parse_address} inventories use. A bare IPv6 address
 * keeps its colons.
 */
record HostAddress(String pattern, Long port) {
    private static final Pattern BRACKETED_IPV6 =
            Pattern.compile("\\[([0-9A-Fa-f:.%]*:[0-9A-Fa-f:.%]*)](?::(\\d+))?");
    private static final Pattern WITH_PORT = Pattern.compile("(.+):(\\d+)");

    static HostAddress parse(String token) {
        Matcher v6 = BRACKETED_IPV6.matcher(token);
        if (v6.matches()) {
            return new HostAddress(
                    v6.group(1), v6.group(2) == null ? null : Long.valueOf(v6.group(2)));
        }
        Matcher m = WITH_PORT.matcher(token);
        if (m.matches() && !hasColonOutsideBrackets(m.group(1))) {
            return new HostAddress(m.group(1), Long.valueOf(m.group(2)));
        }
        return new HostAddress(token, null);
    }

    private static boolean hasColonOutsideBrackets(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ':' && depth == 0) {
                return true;
            }
        }
        return false;
    }
}
