package io.ringmaster.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.JSch;
import org.junit.jupiter.api.Test;

class KexCheckTest {
    private static final String CHECKED =
            "mlkem768x25519-sha256,mlkem768nistp256-sha256,sntrup761x25519-sha512,"
                    + "curve25519-sha256,curve25519-sha256@libssh.org,curve448-sha512";

    @Test
    void theCurvesAndTheX25519HybridsAreSettledOnceTheNistHybridsStayPerSession() {
        String proposed = CHECKED + ",ecdh-sha2-nistp256";
        assertThat(KexCheck.stillToCheck(CHECKED, proposed)).isEqualTo("mlkem768nistp256-sha256");
        assertThat(KexCheck.stillToCheck("", proposed)).isEmpty();
    }

    @Test
    void exchangesTheSessionDoesNotProposeAreNotChecked() {
        assertThat(KexCheck.stillToCheck(CHECKED, "curve25519-sha256")).isEmpty();
        assertThat(KexCheck.stillToCheck(CHECKED, "mlkem768nistp256-sha256,curve25519-sha256"))
                .isEqualTo("mlkem768nistp256-sha256");
    }

    @Test
    void aHybridIsSettledOnlyWhenItsKemReallyMakesAKeyPair() {
        // JSch's ML-KEM and sntrup761 run on the Bouncy Castle in the runnable jar
        assertThat(KexCheck.knownToWork("mlkem768x25519-sha256")).isTrue();
        assertThat(KexCheck.knownToWork("sntrup761x25519-sha512@openssh.com")).isTrue();
        assertThat(KexCheck.kemWorks("mlkem768")).isTrue();
        JSch.setConfig("rmtest-missing-kem", "com.example.NoSuchKem");
        JSch.setConfig("rmtest-not-a-kem", "java.lang.String");
        assertThat(KexCheck.kemWorks("rmtest-missing-kem")).isFalse();
        assertThat(KexCheck.kemWorks("rmtest-not-a-kem")).isFalse();
        assertThat(KexCheck.knownToWork("mlkem1024nistp384-sha384")).isFalse();
        assertThat(KexCheck.knownToWork("diffie-hellman-group14-sha256")).isFalse();
    }

    @Test
    void theSessionsGetJschsOwnListMinusOnlyWhatIsSettled() {
        String all = JSch.getConfig("CheckKexes");
        String left =
                KexCheck.stillToCheck(
                        all, SshTransport.PREFERRED_KEX + "," + JSch.getConfig("kex"));
        assertThat(left.isEmpty() ? new String[0] : left.split(","))
                .allSatisfy(k -> assertThat(all).contains(k))
                .noneMatch(k -> k.startsWith("curve25519-") || k.contains("x25519-"));
    }
}
