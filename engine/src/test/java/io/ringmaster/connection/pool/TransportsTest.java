package io.ringmaster.connection.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.connection.Connection;
import io.ringmaster.connection.ConnectionOptions;
import io.ringmaster.connection.ConnectionTarget;
import io.ringmaster.connection.Transport;
import io.ringmaster.connection.local.LocalTransport;
import io.ringmaster.module.api.HostUnreachableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransportsTest {

    /** A local transport that counts opens, posing as ssh. */
    private static final class Counting implements Transport {
        final AtomicInteger opens = new AtomicInteger();
        final LocalTransport local = new LocalTransport();
        final String name;

        Counting(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Connection open(ConnectionTarget target) {
            opens.incrementAndGet();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return local.open(target);
        }

        @Override
        public void close() {
            local.close();
        }
    }

    private static ConnectionTarget host(String name, Map<String, Object> vars) {
        return new ConnectionTarget(name, vars, ConnectionOptions.defaults());
    }

    @Test
    void oneConnectionPerHostEvenWhenAskedConcurrently() throws Exception {
        Counting ssh = new Counting("ssh");
        Counting local = new Counting("local");
        try (Transports t = new Transports(List.of(ssh, local))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Connection>> got = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String h = "h" + (i % 4);
                Callable<Connection> c = () -> t.connection(host(h, Map.of()));
                got.add(pool.submit(c));
            }
            for (Future<Connection> f : got) {
                assertThat(f.get()).isNotNull();
            }
            pool.shutdown();
            assertThat(ssh.opens.get()).isEqualTo(4);
            assertThat(t.connectionsOpened()).isEqualTo(4);
            t.connection(host("localhost", Map.of("ansible_connection", "local")));
            assertThat(local.opens.get()).isEqualTo(1);
        }
    }

    @Test
    void unknownConnectionTypeSuggestsTheNearest() {
        try (Transports t = new Transports(List.of(new Counting("ssh"), new Counting("local")))) {
            assertThatThrownBy(
                            () -> t.connection(host("a", Map.of("ansible_connection", "locall"))))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessageContaining("'locall'")
                    .hasMessageContaining("did you mean 'local'");
        }
    }
}
