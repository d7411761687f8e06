package io.ringmaster.builtin.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Xml's pooled parsers and serialisers under a fleet's load: every host's thread at once. */
class XmlTest {

    @Test
    void manyMoreThreadsThanPooledParsersAllGetTheirOwnResult() throws Exception {
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> out = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                out.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    String text = "";
                                    for (int k = 0; k < 20; k++) {
                                        text =
                                                Xml.format(
                                                        Xml.parse(
                                                                        "<domain><name>d"
                                                                                + n
                                                                                + "</name>  </domain>")
                                                                .getDocumentElement());
                                    }
                                    return text;
                                }));
            }
            start.countDown();
            for (int i = 0; i < threads; i++) {
                assertThat(out.get(i).get(30, TimeUnit.SECONDS))
                        .isEqualTo("<domain>\n  <name>d" + i + "</name>\n</domain>\n");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
