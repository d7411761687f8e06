package io.ringmaster.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.JSch;
import org.junit.jupiter.api.Test;

class JschCryptoTest {
    @Test
    void bouncyCastleIsOnTheClassPathAndJschUsesItsCurvesAndSignatures() {
        assertThat(JschCrypto.BOUNCY_CASTLE).isTrue();
        assertThat(JSch.getConfig("xdh")).isEqualTo("com.jcraft.jsch.bc.XDH");
        assertThat(JSch.getConfig("ssh-ed25519")).isEqualTo("com.jcraft.jsch.bc.SignatureEd25519");
        assertThat(JSch.getConfig("keypairgen.eddsa"))
                .isEqualTo("com.jcraft.jsch.bc.KeyPairGenEdDSA");
    }

    @Test
    void chachaIsProposedFirstAndJschsOwnCiphersFollowInTheirOrder() {
        assertThat(JschCrypto.ciphers("aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr"))
                .isEqualTo(
                        "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,"
                                + "aes256-gcm@openssh.com,aes128-ctr");
        assertThat(JschCrypto.ciphers("aes128-ctr,chacha20-poly1305@openssh.com"))
                .isEqualTo("chacha20-poly1305@openssh.com,aes128-ctr");
    }

    @Test
    void onlyWhatBouncyCastleProvidesLeavesThePerSessionChecks() {
        assertThat(JschCrypto.stillToCheck("chacha20-poly1305@openssh.com")).isEmpty();
        assertThat(JschCrypto.stillToCheck("ssh-ed25519,ssh-ed448,ecdsa-sha2-nistp256"))
                .isEqualTo("ecdsa-sha2-nistp256");
        assertThat(JschCrypto.stillToCheck("")).isEmpty();
    }
}
