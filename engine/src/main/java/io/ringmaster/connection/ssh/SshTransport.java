package io.ringmaster.connection.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.ringmaster.connection.Connection;
import io.ringmaster.connection.ConnectionOptions;
import io.ringmaster.connection.ConnectionTarget;
import io.ringmaster.connection.Transport;
import io.ringmaster.module.api.HostUnreachableException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The {@code ssh} connection, on JSch: one {@link Session} per host for the whole run (every
 * command on its own channel), one session per jump host shared by all hosts behind it. Sessions
 * are opened concurrently from many threads through one JSch instance. Host keys are always checked
 * against the known_hosts file.
 */
public final class SshTransport implements Transport {
    /** Fast key exchanges first; the rest of JSch's list follows for older servers. */
    static final String PREFERRED_KEX = "curve25519-sha256,curve25519-sha256@libssh.org";

    /**
     * The algorithm lists every session gets, worked out once per JVM from JSch's own (they do not
     * change within a run). Built when this class loads, so {@link JschCrypto} has installed its
     * implementations before the first key is loaded or the first handshake starts.
     */
    private static final Map<String, String> ALGORITHMS = algorithms();

    static final int SERVER_ALIVE_INTERVAL_MS = 15_000;
    static final int SERVER_ALIVE_COUNT_MAX = 3;

    private final ConnectionOptions options;
    private final JSch jsch = new JSch();
    private final TargetResolver resolver;
    private final Identities identities;
    private final KnownHostsFile knownHosts;
    private final Map<String, CompletableFuture<Session>> bastions = new ConcurrentHashMap<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean closed;

    /** A transport for the current user and process environment. */
    public SshTransport(ConnectionOptions options) {
        this(options, System.getenv(), TargetResolver.forCurrentUser(options.sshConfig()));
    }

    /**
     * A transport with an explicit environment (passphrase variable, SSH_AUTH_SOCK) and target
     * resolver.
     */
    public SshTransport(
            ConnectionOptions options, Map<String, String> env, TargetResolver resolver) {
        this.options = options;
        this.resolver = resolver;
        this.identities = new Identities(options.passphraseEnv(), options.keyPassphrase(), env);
        this.knownHosts = KnownHostsFile.load(options.knownHosts());
    }

    @Override
    public String name() {
        return "ssh";
    }

    /** How many SSH sessions (hosts and jump hosts) this transport has opened so far. */
    public int sessionsOpened() {
        return opened.get();
    }

    @Override
    public Connection open(ConnectionTarget target)
            throws HostUnreachableException, InterruptedException {
        SshTarget t;
        try {
            t = resolver.resolve(target);
        } catch (IllegalArgumentException e) {
            throw new HostUnreachableException(
                    "cannot connect to '" + target.inventoryName() + "': " + e.getMessage());
        }
        Session via = t.jumps().isEmpty() ? null : bastion(t, t.jumps().size() - 1);
        Session s = connect(t.endpoint(), t.describe(), t.password(), via);
        sessions.add(s);
        if (closed) {
            s.disconnect();
            throw new HostUnreachableException(
                    "cannot connect to "
                            + t.describe()
                            + ": the run's connections are"
                            + " closed");
        }
        return new SshConnection(t, s, sessions::remove);
    }

    private Session bastion(SshTarget t, int hop)
            throws HostUnreachableException, InterruptedException {
        Endpoint e = t.jumps().get(hop);
        List<Endpoint> chain = t.jumps().subList(0, hop + 1);
        String key = chain.toString();
        while (true) {
            CompletableFuture<Session> mine = new CompletableFuture<>();
            CompletableFuture<Session> f = bastions.putIfAbsent(key, mine);
            if (f == null) {
                try {
                    Session via = hop == 0 ? null : bastion(t, hop - 1);
                    String who = "jump host " + e.display() + " (for '" + t.inventoryName() + "')";
                    mine.complete(connect(e, who, null, via));
                } catch (HostUnreachableException | InterruptedException | RuntimeException ex) {
                    bastions.remove(key, mine);
                    mine.completeExceptionally(ex);
                    throw ex;
                }
                return mine.join();
            }
            try {
                Session s = f.get();
                if (s.isConnected()) {
                    return s;
                }
                bastions.remove(key, f);
            } catch (ExecutionException ex) {
                Throwable c = ex.getCause();
                if (c instanceof HostUnreachableException h) {
                    throw new HostUnreachableException(
                            "cannot connect to '"
                                    + t.inventoryName()
                                    + "' through "
                                    + e.display()
                                    + ": "
                                    + h.getMessage(),
                            h);
                }
                bastions.remove(key, f);
            }
        }
    }

    private Session connect(Endpoint e, String who, char[] password, Session via)
            throws HostUnreachableException, InterruptedException {
        if (closed) {
            throw new HostUnreachableException(
                    "cannot connect to " + who + ": the run's connections are closed");
        }
        int attempts = 0;
        int max = 1 + Math.max(0, options.connectRetries());
        Duration timeout = options.connectTimeout();
        while (true) {
            attempts++;
            HostKeyGate gate = new HostKeyGate(knownHosts, e, options.acceptNewHostKeys());
            Session s;
            try {
                s = newSession(e, password, gate, who, via);
            } catch (Identities.KeyProblem p) {
                throw unreachable(
                        new ConnectFailure.KeyUnusable(p.getMessage(), p.hint()),
                        who,
                        e,
                        attempts,
                        timeout,
                        p);
            } catch (JSchException ex) {
                throw unreachable(
                        new ConnectFailure.Other(ex.getMessage(), false),
                        who,
                        e,
                        attempts,
                        timeout,
                        ex);
            }
            try {
                s.connect((int) timeout.toMillis());
                opened.incrementAndGet();
                return s;
            } catch (JSchException ex) {
                s.disconnect();
                ConnectFailure f =
                        ConnectFailure.classify(ex, gate, password != null, identities.hasAgent());
                if (!f.retryable() || attempts >= max) {
                    throw unreachable(f, who, e, attempts, timeout, ex);
                }
                Thread.sleep(Math.min(2000L, 200L << (attempts - 1)));
            }
        }
    }

    private Session newSession(
            Endpoint e, char[] password, HostKeyGate gate, String who, Session via)
            throws JSchException, Identities.KeyProblem {
        Session s = jsch.getSession(e.user(), e.host(), e.port());
        s.setHostKeyRepository(gate);
        s.setIdentityRepository(identities.forEndpoint(e, who));
        s.setConfig("StrictHostKeyChecking", "yes");
        ALGORITHMS.forEach(s::setConfig);
        s.setConfig(
                "PreferredAuthentications", password == null ? "publickey" : "publickey,password");
        if (password != null) {
            ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            s.setPassword(Arrays.copyOf(b.array(), b.limit()));
            Arrays.fill(b.array(), (byte) 0);
        }
        s.setServerAliveInterval(SERVER_ALIVE_INTERVAL_MS);
        s.setServerAliveCountMax(SERVER_ALIVE_COUNT_MAX);
        if (via != null) {
            s.setProxy(
                    new JumpProxy(
                            via, via.getUserName() + "@" + via.getHost() + ":" + via.getPort()));
        }
        return s;
    }

    private static HostUnreachableException unreachable(
            ConnectFailure f,
            String who,
            Endpoint e,
            int attempts,
            Duration timeout,
            Exception cause) {
        return new HostUnreachableException(f.explain(who, e, attempts, timeout), cause);
    }

    private static Map<String, String> algorithms() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("kex", preferFirst(PREFERRED_KEX, JSch.getConfig("kex")));
        a.put("CheckKexes", KexCheck.stillToCheck(JSch.getConfig("CheckKexes"), a.get("kex")));
        a.put("cipher.c2s", JschCrypto.ciphers(JSch.getConfig("cipher.c2s")));
        a.put("cipher.s2c", JschCrypto.ciphers(JSch.getConfig("cipher.s2c")));
        a.put("CheckCiphers", JschCrypto.stillToCheck(JSch.getConfig("CheckCiphers")));
        a.put("CheckSignatures", JschCrypto.stillToCheck(JSch.getConfig("CheckSignatures")));
        a.put("server_host_key", withRsaSha2(JSch.getConfig("server_host_key")));
        a.put("PubkeyAcceptedAlgorithms", withRsaSha2(JSch.getConfig("PubkeyAcceptedAlgorithms")));
        return Collections.unmodifiableMap(a);
    }

    /** {@code all} (comma-separated) without blanks and without what {@code drop} accepts. */
    static String without(String all, Predicate<String> drop) {
        List<String> out = new ArrayList<>();
        for (String a : all.split(",")) {
            if (!a.isBlank() && !drop.test(a)) {
                out.add(a);
            }
        }
        return String.join(",", out);
    }

    /** {@code first} (comma-separated), then the rest of {@code all} without repeats. */
    static String preferFirst(String first, String all) {
        List<String> out = new ArrayList<>(List.of(first.split(",")));
        for (String a : all.split(",")) {
            if (!a.isBlank() && !out.contains(a)) {
                out.add(a);
            }
        }
        return String.join(",", out);
    }

    /**
     * Makes sure RSA keys sign with rsa-sha2-512/256 (ssh-rsa with SHA-1 is refused by OpenSSH
     * 8.8+).
     */
    static String withRsaSha2(String algorithms) {
        List<String> out = new ArrayList<>(List.of(algorithms.split(",")));
        for (String a : List.of("rsa-sha2-512", "rsa-sha2-256")) {
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return String.join(",", out);
    }

    /** Closes every host session, then the jump host sessions. */
    @Override
    public void close() {
        closed = true;
        for (Session s : sessions) {
            s.disconnect();
        }
        sessions.clear();
        for (CompletableFuture<Session> f : bastions.values()) {
            f.thenAccept(Session::disconnect);
        }
        bastions.clear();
    }
}
