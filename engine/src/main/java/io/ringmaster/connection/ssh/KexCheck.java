package io.ringmaster.connection.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KEM;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which key exchanges JSch still has to check per session. Before every handshake JSch makes sure
 * each exchange of its {@code CheckKexes} list that the session proposes works on this JVM by
 * running its set-up: a key pair per curve exchange, and for a post-quantum hybrid such as
 * mlkem768x25519-sha256 an ML-KEM key pair and an X25519 one, all thrown away (the hybrid's check
 * alone was ~3 % of a 50-host run's CPU, 2 ms per host). Whether they work does not change within a
 * run, so it is settled here once per JVM: the curves by asking the JDK (or knowing that Bouncy
 * Castle's are installed, see {@link JschCrypto}), an x25519 hybrid by generating one key pair with
 * the KEM JSch is configured to use. What is settled is left out of the per-session check; anything
 * else (the NIST-curve hybrids) is still checked by JSch as before, exchanges the session does not
 * propose are not checked by JSch at all, and an exchange that does not work is never proposed.
 */
final class KexCheck {
    /** The JDK key-agreement algorithm each checked exchange family needs. */
    private static final Map<String, String> CURVES =
            Map.of("curve25519", "X25519", "curve448", "X448");

    /** A hybrid of a KEM (JSch's config key, e.g. mlkem768) with X25519. */
    private static final Pattern X25519_HYBRID = Pattern.compile("(mlkem768|sntrup761)x25519-.+");

    private KexCheck() {}

    /**
     * JSch's {@code CheckKexes} for a session proposing {@code proposed}, without what is settled.
     * Called once per JVM ({@link SshTransport}'s algorithm lists), so each settled exchange is
     * tried once.
     */
    static String stillToCheck(String checkKexes, String proposed) {
        List<String> offered = List.of(proposed.split(","));
        return SshTransport.without(checkKexes, kex -> !offered.contains(kex) || knownToWork(kex));
    }

    static boolean knownToWork(String kex) {
        if (CURVES.entrySet().stream()
                .anyMatch(c -> kex.startsWith(c.getKey() + "-") && curveWorks(c.getValue()))) {
            return true;
        }
        Matcher m = X25519_HYBRID.matcher(kex);
        return m.matches() && curveWorks("X25519") && kemWorks(m.group(1));
    }

    private static boolean curveWorks(String algorithm) {
        return JschCrypto.BOUNCY_CASTLE || available(algorithm);
    }

    private static boolean available(String algorithm) {
        try {
            KeyPairGenerator.getInstance(algorithm);
            return true;
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }

    /** What JSch's check does for the KEM half of a hybrid: make the KEM and its key pair. */
    static boolean kemWorks(String name) {
        try {
            KEM kem =
                    Class.forName(JSch.getConfig(name))
                            .asSubclass(KEM.class)
                            .getDeclaredConstructor()
                            .newInstance();
            kem.init();
            return kem.getPublicKey().length > 0;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
