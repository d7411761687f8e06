package io.ringmaster.builtin.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Tool outputs captured on the build machine (modules/src/test/resources/bench/). */
final class Captures {
    private Captures() {}

    static String read(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
