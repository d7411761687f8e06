package io.ringmaster.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fingerprints match what {@code ssh-keygen -l} prints for the same key. */
class HostKeysTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
    void fingerprintMatchesSshKeygen(String type) throws Exception {
        Path key = dir.resolve("k_" + type);
        run("ssh-keygen", "-q", "-t", type, "-N", "", "-f", key.toString());
        String pub = Files.readString(Path.of(key + ".pub")).strip();
        byte[] blob = Base64.getDecoder().decode(pub.split(" ")[1]);
        String keygen = run("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub").split(" ")[1];
        assertThat(HostKeys.fingerprint(blob)).isEqualTo(keygen).startsWith("SHA256:");
        assertThat(HostKeys.type(blob)).isEqualTo(pub.split(" ")[0]);
        assertThat(HostKeys.publicKeyText(blob))
                .isEqualTo(pub.split(" ")[0] + " " + pub.split(" ")[1]);
    }

    @Test
    void garbageHasUnknownType() {
        assertThat(HostKeys.type(new byte[] {0, 0})).isEqualTo("unknown");
        assertThat(HostKeys.type(new byte[] {0, 0, 0, 9, 'a'})).isEqualTo("unknown");
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
