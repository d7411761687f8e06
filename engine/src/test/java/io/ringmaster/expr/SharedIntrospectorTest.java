package io.ringmaster.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.error.Position;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.velocity.util.introspection.IntrospectorCache;
import org.apache.velocity.util.introspection.TypeConversionHandlerImpl;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

class SharedIntrospectorTest {
    @Test
    void threadsMissingTheSameClassAtOnceBuildItsMethodMapOnce() throws Exception {
        Map<Class<?>, AtomicInteger> builds = new ConcurrentHashMap<>();
        SharedIntrospector introspector =
                new SharedIntrospector(NOPLogger.NOP_LOGGER, new TypeConversionHandlerImpl()) {
                    @Override
                    void build(IntrospectorCache cache, Class<?> c) {
                        builds.computeIfAbsent(c, k -> new AtomicInteger()).incrementAndGet();
                        sleep(); // widens the window in which the others miss too
                        super.build(cache, c);
                    }
                };
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Method>>> found = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                found.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return List.of(
                                            introspector.getMethod(
                                                    String.class, "startsWith", new Object[] {"x"}),
                                            introspector.getMethod(
                                                    ArrayList.class, "size", new Object[0]));
                                }));
            }
            for (Future<List<Method>> f : found) {
                assertThat(f.get())
                        .containsExactly(
                                String.class.getMethod("startsWith", String.class),
                                java.util.Collection.class.getMethod("size"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(builds).containsOnlyKeys(String.class, ArrayList.class);
        assertThat(builds.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    void templatesRenderThroughIt() throws Exception {
        assertThat(
                        new Templar()
                                .renderString(
                                        "${name.toUpperCase()}-${items.size()}",
                                        Map.of("name", "db", "items", List.of(1, 2)),
                                        new Position(Path.of("site.yml"), 1, 1)))
                .isEqualTo("DB-2");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
