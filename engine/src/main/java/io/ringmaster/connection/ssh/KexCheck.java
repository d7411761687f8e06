package io.ringmaster.connection.ssh;

import com.jcraft.jsch.JSch;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Which key exchanges JSch still has to check per session. Before every handshake JSch makes sure
 * each exchange of its {@code CheckKexes} list works on this JVM by running its set-up, which for
 * the curve25519 and curve448 exchanges generates a key pair each: three key pairs per host that
 * are thrown away (4 % of a 50-host run's CPU). Whether the JDK has X25519 and X448 does not change
 * within a run (nor whether Bouncy Castle's, which {@link JschCrypto} installs in its place, is
 * there), so it is asked once here and those exchanges are left out of the per-session check; the
 * others (post-quantum hybrids, on Bouncy Castle's ML-KEM and sntrup761) are still checked by JSch
 * as before, and an exchange that is not available is never proposed.
 */
final class KexCheck {
    /** The JDK key-agreement algorithm each checked exchange family needs. */
    private static final Map<String, String> CURVES =
            Map.of("curve25519", "X25519", "curve448", "X448");

    /** JSch's {@code CheckKexes} without the exchanges already known to work on this JVM. */
    static final String STILL_TO_CHECK = stillToCheck(JSch.getConfig("CheckKexes"));

    private KexCheck() {}

    static String stillToCheck(String checkKexes) {
        return SshTransport.without(checkKexes, KexCheck::knownToWork);
    }

    private static boolean knownToWork(String kex) {
        return CURVES.entrySet().stream()
                .anyMatch(
                        c ->
                                kex.startsWith(c.getKey() + "-")
                                        && (JschCrypto.BOUNCY_CASTLE || available(c.getValue())));
    }

    private static boolean available(String algorithm) {
        try {
            KeyPairGenerator.getInstance(algorithm);
            return true;
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }
}
