package io.ringmaster.connection.ssh;

import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchRevokedHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Why a connect attempt failed, whether another attempt may help, and what to tell the user. */
sealed interface ConnectFailure {

    /** True for failures that can pass (refused, timed out, reset): worth another attempt. */
    boolean retryable();

    /** What went wrong and how to fix it, for {@code server} reached as {@code who}. */
    String explain(String who, Endpoint server, int attempts, Duration timeout);

    record Refused() implements ConnectFailure {
        public boolean retryable() {
            return true;
        }

        public String explain(String who, Endpoint s, int attempts, Duration timeout) {
            return "cannot connect to "
                    + who
                    + ": connection refused at "
                    + s.host()
                    + ":"
                    + s.port()
                    + tries(attempts)
                    + ". Is sshd running there? Check ansible_host and ansible_port.";
        }
    }

    record TimedOut() implements ConnectFailure {
        public boolean retryable() {
            return true;
        }

        public String explain(String who, Endpoint s, int attempts, Duration timeout) {
            return "cannot connect to "
                    + who
                    + ": no answer from "
                    + s.host()
                    + ":"
                    + s.port()
                    + " within "
                    + timeout.toSeconds()
                    + "s"
                    + tries(attempts)
                    + ". Is the host up and the address right? Check ansible_host, or raise the connect timeout.";
        }
    }

    record Dropped(String detail) implements ConnectFailure {
        public boolean retryable() {
            return true;
        }

        public String explain(String who, Endpoint s, int attempts, Duration timeout) {
            return "cannot connect to "
                    + who
                    + ": the connection to "
                    + s.host()
                    + ":"
                    + s.port()
                    + " was closed during the SSH handshake ("
                    + detail
                    + ")"
                    + tries(attempts)
                    + ". Check that an SSH server (not another service) listens there and accepts this client"
                    + " (MaxStartups, AllowUsers, tcp wrappers).";
        }
    }

    record JumpFailed(String detail) implements ConnectFailure {
        public boolean retryable() {
            return true;
        }

        public String explain(String who, Endpoint s, int attempts, Duration timeout) {
            return "cannot connect to "
                    + who
                    + ": "
                    + detail
                    + tries(attempts)
                    + ". Check that the target's sshd runs and that the jump host may reach "
                    + s.host()
                    + ":"
                    + s.port()
                    + " (AllowTcpForwarding).";
        }
    }

    record Unresolvable() implements ConnectFailure {
        public boolean retryable() {
            return false;
        }

        public String explain(String who, Endpoint s, int attempts, Duration timeout) {
            return "cannot connect to "
                    + who
                    + ": the name '"
                    + s.host()
                    + "' does not resolve. Check ansible_host"
                    + " (or HostName in the ssh config).";
        }
    }

    record AuthFailed(boolean password, boolean agent) implements ConnectFailure {
        public boolean retryable() {
            return false;
        }

        public String explain(String who, Endpoint s, int attempts, Duration timeout) {
            String offered =
                    s.identities().isEmpty()
                            ? "no key files"
                            : "keys " + String.join(", ", s.identities());
            return "authentication failed for "
                    + who
                    + ": the server refused user '"
                    + s.user()
                    + "' with "
                    + offered
                    + (agent ? " and the ssh-agent's keys" : "")
                    + (password ? " and the password" : "")
                    + ". Check ansible_user and ansible_ssh_private_key_file, and that the public key is in"
                    + " ~"
                    + s.user()
                    + "/.ssh/authorized_keys on "
                    + s.host()
                    + ".";
        }
    }

    record UnknownKey(String type, String fingerprint, String knownHosts)
            implements ConnectFailure {
        public boolean retryable() {
            return false;
        }

        public String explain(String who, Endpoint s, int attempts, Duration timeout) {
            return "the host key of "
                    + who
                    + " is not known: "
                    + s.knownHostsName()
                    + " offered "
                    + type
                    + " key "
                    + fingerprint
                    + ". If that is the right fingerprint, run again with --accept-new-host-keys to"
                    + " trust it (or add it to "
                    + knownHosts
                    + ").";
        }
    }

    record ChangedKey(
            String type,
            String fingerprint,
            String knownHosts,
            List<Integer> lines,
            boolean revoked)
            implements ConnectFailure {
        public boolean retryable() {
            return false;
        }

        public String explain(String who, Endpoint s, int attempts, Duration timeout) {
            String where =
                    knownHosts
                            + (lines.size() == 1 ? " line " : " lines ")
                            + String.join(", ", lines.stream().map(String::valueOf).toList());
            if (revoked) {
                return "REFUSED: the host key of "
                        + who
                        + " ("
                        + type
                        + " "
                        + fingerprint
                        + ") is marked @revoked in "
                        + where
                        + ". The host must get a new key.";
            }
            return "WARNING: REMOTE HOST KEY CHANGED for "
                    + who
                    + ": "
                    + s.knownHostsName()
                    + " now offers "
                    + type
                    + " key "
                    + fingerprint
                    + ", which differs from the key recorded in "
                    + where
                    + ". Someone may be intercepting the connection, or the host was reinstalled. Connection refused."
                    + " If the change is expected, remove "
                    + (lines.size() == 1 ? "that line" : "those lines")
                    + " (ssh-keygen -R '"
                    + s.knownHostsName()
                    + "' -f "
                    + knownHosts
                    + ") and run again.";
        }
    }

    record KeyUnusable(String what, String hint) implements ConnectFailure {
        public boolean retryable() {
            return false;
        }

        public String explain(String who, Endpoint s, int attempts, Duration timeout) {
            return "cannot log in to " + who + ": " + what + (hint == null ? "" : ". " + hint);
        }
    }

    record Other(String detail, boolean retryable) implements ConnectFailure {
        public String explain(String who, Endpoint s, int attempts, Duration timeout) {
            return "cannot connect to " + who + ": " + detail + tries(attempts) + ".";
        }
    }

    private static String tries(int attempts) {
        return attempts > 1 ? " (" + attempts + " attempts)" : "";
    }

    /** Classifies what {@code Session.connect} threw; {@code gate} tells the host key story. */
    static ConnectFailure classify(Exception e, HostKeyGate gate, boolean password, boolean agent) {
        if (e instanceof JSchUnknownHostKeyException
                || e instanceof JSchChangedHostKeyException
                || e instanceof JSchRevokedHostKeyException) {
            byte[] key = gate.offered();
            String type = key == null ? "?" : HostKeys.type(key);
            String fp = key == null ? "?" : HostKeys.fingerprint(key);
            String file = gate.getKnownHostsRepositoryID();
            if (gate.decision() instanceof HostKeyCheck.Changed c) {
                return new ChangedKey(type, fp, file, c.lines(), c.revoked());
            }
            return new UnknownKey(type, fp, file);
        }
        String msg = String.valueOf(e.getMessage());
        if (msg.startsWith("Auth fail")
                || msg.startsWith("Auth cancel")
                || msg.startsWith("Partial auth")) {
            return new AuthFailed(password, agent);
        }
        if (e instanceof JSchAlgoNegoFailException) {
            return new Other("no common algorithm with the server (" + e.getMessage() + ")", false);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JumpProxy.JumpException) {
                return new JumpFailed(t.getMessage());
            }
            if (t instanceof UnknownHostException) {
                return new Unresolvable();
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new Refused();
            }
            if (t instanceof SocketTimeoutException) {
                return new TimedOut();
            }
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("timeout") || m.contains("timed out")) {
            return new TimedOut();
        }
        if (m.contains("connection refused")) {
            return new Refused();
        }
        if (m.contains("closed by foreign host")
                || m.contains("connection reset")
                || m.contains("broken pipe")
                || m.contains("connection is closed")
                || m.contains("end of io stream")) {
            return new Dropped(e.getMessage());
        }
        return new Other(e.getMessage(), false);
    }
}
