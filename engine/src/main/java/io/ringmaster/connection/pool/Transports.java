package io.ringmaster.connection.pool;

import io.ringmaster.connection.Connection;
import io.ringmaster.connection.ConnectionOptions;
import io.ringmaster.connection.ConnectionTarget;
import io.ringmaster.connection.Transport;
import io.ringmaster.connection.local.LocalTransport;
import io.ringmaster.connection.ssh.SshTransport;
import io.ringmaster.error.DidYouMean;
import io.ringmaster.module.api.HostUnreachableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's connections: picks each host's transport from {@code ansible_connection} (default
 * {@code ssh}; the inventory gives the implicit {@code localhost} {@code ansible_connection:
 * local}) and keeps one connection per host for the whole run, opened on first use. Thread-safe:
 * concurrent first uses of a host share one open attempt. A failed open is not remembered: the next
 * call tries again.
 */
public final class Transports implements AutoCloseable {
    public static final String DEFAULT = "ssh";

    private final Map<String, Transport> byName = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Connection>> connections =
            new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();

    /** The standard transports, {@code local} and {@code ssh}. */
    public Transports(ConnectionOptions options) {
        this(List.of(new LocalTransport(), new SshTransport(options)));
    }

    /** Explicit transports, keyed by their {@link Transport#name()}. */
    public Transports(List<Transport> transports) {
        for (Transport t : transports) {
            byName.put(t.name(), t);
        }
    }

    /** The connection to {@code target}'s host, opened now if this is the first use. */
    public Connection connection(ConnectionTarget target)
            throws HostUnreachableException, InterruptedException {
        String host = target.inventoryName();
        while (true) {
            CompletableFuture<Connection> mine = new CompletableFuture<>();
            CompletableFuture<Connection> existing = connections.putIfAbsent(host, mine);
            if (existing == null) {
                try {
                    Connection c = transportFor(target).open(target);
                    opened.incrementAndGet();
                    mine.complete(c);
                    return c;
                } catch (HostUnreachableException | InterruptedException | RuntimeException e) {
                    connections.remove(host, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
            try {
                return existing.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof HostUnreachableException h) {
                    throw new HostUnreachableException(h.getMessage(), h);
                }
                // the other opener failed otherwise (interrupted): try again ourselves
            }
        }
    }

    /**
     * Closes {@code target}'s connection and opens a new one, trying again every second until
     * {@code timeout} (a host rebooting refuses connections for a while); the new one is the host's
     * connection from now on.
     */
    public Connection reopen(ConnectionTarget target, java.time.Duration timeout)
            throws HostUnreachableException, InterruptedException {
        CompletableFuture<Connection> old = connections.remove(target.inventoryName());
        if (old != null) {
            old.thenAccept(Connection::close);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return connection(target);
            } catch (HostUnreachableException e) {
                if (System.nanoTime() > deadline) {
                    throw new HostUnreachableException(
                            "no new connection to "
                                    + target.inventoryName()
                                    + " within "
                                    + timeout.toSeconds()
                                    + " s: "
                                    + e.getMessage(),
                            e);
                }
                Thread.sleep(1000);
            }
        }
    }

    /** The transport {@code ansible_connection} names for {@code target}. */
    public Transport transportFor(ConnectionTarget target) throws HostUnreachableException {
        String name = target.string("ansible_connection", DEFAULT).strip();
        if (name.equals("smart") || name.equals("paramiko") || name.equals("ansible.builtin.ssh")) {
            name = "ssh";
        } else if (name.equals("ansible.builtin.local")) {
            name = "local";
        }
        Transport t = byName.get(name);
        if (t == null) {
            throw new HostUnreachableException(
                    "host '"
                            + target.inventoryName()
                            + "' has ansible_connection '"
                            + name
                            + "', which Ringmaster does not support (it knows "
                            + String.join(", ", byName.keySet())
                            + ")"
                            + DidYouMean.suffix(name, byName.keySet()));
        }
        return t;
    }

    /** How many connections were opened (one per host reached). */
    public int connectionsOpened() {
        return opened.get();
    }

    /** Closes every connection, then every transport (and with it jump host sessions). */
    public void closeAll() {
        List<CompletableFuture<Connection>> all = new ArrayList<>(connections.values());
        connections.clear();
        for (CompletableFuture<Connection> f : all) {
            f.thenAccept(Connection::close);
        }
        for (Transport t : byName.values()) {
            t.close();
        }
    }

    @Override
    public void close() {
        closeAll();
    }
}
