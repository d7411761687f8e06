package io.ringmaster.connection.ssh;

/**
 * One hop of a ProxyJump as written: {@code [user@]host[:port]}; user and port are null when not
 * given.
 */
public record JumpSpec(String user, String host, Integer port) {

    /**
     * Parses {@code [user@]host[:port]} or {@code [user@][ipv6]:port}, or an {@code ssh://} URI.
     */
    public static JumpSpec parse(String text) {
        String s = text.strip();
        if (s.startsWith("ssh://")) {
            s = s.substring("ssh://".length());
        }
        String user = null;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            user = s.substring(0, at);
            s = s.substring(at + 1);
        }
        Integer port = null;
        String host = s;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad ProxyJump host '" + text + "'");
            }
            host = s.substring(1, close);
            if (s.length() > close + 1 && s.charAt(close + 1) == ':') {
                port = parsePort(s.substring(close + 2), text);
            }
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && s.indexOf(':', colon + 1) < 0) {
                host = s.substring(0, colon);
                port = parsePort(s.substring(colon + 1), text);
            }
        }
        if (host.isEmpty() || (user != null && user.isEmpty())) {
            throw new IllegalArgumentException("bad ProxyJump host '" + text + "'");
        }
        return new JumpSpec(user, host, port);
    }

    private static int parsePort(String p, String text) {
        try {
            int port = Integer.parseInt(p);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in ProxyJump host '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return (user == null ? "" : user + "@") + host + (port == null ? "" : ":" + port);
    }
}
