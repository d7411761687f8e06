package io.ringmaster.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.JSch;
import org.junit.jupiter.api.Test;

class KexCheckTest {
    @Test
    void theCurveExchangesThisJdkHasAreNotCheckedPerSessionTheOthersAre() {
        assertThat(
                        KexCheck.stillToCheck(
                                "mlkem768x25519-sha256,sntrup761x25519-sha512,curve25519-sha256,"
                                        + "curve25519-sha256@libssh.org,curve448-sha512"))
                .isEqualTo("mlkem768x25519-sha256,sntrup761x25519-sha512");
        assertThat(KexCheck.stillToCheck("")).isEmpty();
    }

    @Test
    void whatIsLeftIsJschsOwnListMinusOnlyTheCurves() {
        String all = JSch.getConfig("CheckKexes");
        assertThat(KexCheck.STILL_TO_CHECK.split(","))
                .allSatisfy(k -> assertThat(all).contains(k))
                .noneMatch(k -> k.startsWith("curve25519-") || k.startsWith("curve448-"));
    }
}
