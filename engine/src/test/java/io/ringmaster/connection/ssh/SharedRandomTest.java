package io.ringmaster.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.JSch;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SharedRandomTest {
    @Test
    void fillsExactlyTheRangeAskedFor() {
        byte[] b = new byte[64];
        Arrays.fill(b, (byte) 7);
        new SharedRandom().fill(b, 8, 32);
        for (int i = 0; i < 8; i++) {
            assertThat(b[i]).isEqualTo((byte) 7);
        }
        for (int i = 40; i < 64; i++) {
            assertThat(b[i]).isEqualTo((byte) 7);
        }
        // 32 random bytes all equal to 7 has probability 2^-256
        assertThat(Arrays.copyOfRange(b, 8, 40)).isNotEqualTo(filled(32, (byte) 7));
    }

    @Test
    void twoFillsDifferAndJschUsesIt() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        new SharedRandom().fill(a, 0, 32);
        new SharedRandom().fill(b, 0, 32);
        assertThat(a).isNotEqualTo(b);
        assertThat(JschCrypto.BOUNCY_CASTLE).isTrue();
        assertThat(JSch.getConfig("random")).isEqualTo(SharedRandom.class.getName());
    }

    private static byte[] filled(int n, byte v) {
        byte[] out = new byte[n];
        Arrays.fill(out, v);
        return out;
    }
}
