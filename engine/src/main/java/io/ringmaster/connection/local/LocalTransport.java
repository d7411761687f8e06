package io.ringmaster.connection.local;

import io.ringmaster.connection.Connection;
import io.ringmaster.connection.ConnectionTarget;
import io.ringmaster.connection.Transport;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The {@code local} connection: commands run on the control machine with {@code /bin/sh -c}. */
public final class LocalTransport implements Transport {
    private final ExecutorService pumps;

    public LocalTransport() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory daemons =
                r -> {
                    Thread t = new Thread(r, "ringmaster-local-io-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                };
        this.pumps = Executors.newCachedThreadPool(daemons);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Connection open(ConnectionTarget target) {
        return new LocalConnection(target.inventoryName(), pumps);
    }

    @Override
    public void close() {
        pumps.shutdownNow();
    }
}
