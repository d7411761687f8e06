package io.ringmaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WriterOutputStreamTest {
    @Test
    void multiByteCharactersSplitAcrossWritesArriveWhole() throws Exception {
        StringWriter w = new StringWriter();
        WriterOutputStream out = new WriterOutputStream(w);
        byte[] bytes = "héllo ✓ wörld".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            out.write(b);
        }
        out.flush();
        assertThat(w.toString()).isEqualTo("héllo ✓ wörld");
    }

    @Test
    void aPrintStreamOverItWritesLargeOutputInOrder() {
        StringWriter w = new StringWriter();
        PrintStream ps = new PrintStream(new WriterOutputStream(w), true, StandardCharsets.UTF_8);
        String line = "ok: [host] ✓ ".repeat(100);
        for (int i = 0; i < 50; i++) {
            ps.println(i + " " + line);
        }
        ps.flush();
        assertThat(w.toString().lines()).hasSize(50).allSatisfy(l -> assertThat(l).endsWith("✓ "));
        assertThat(w.toString().lines().toList().get(49)).startsWith("49 ");
    }
}
