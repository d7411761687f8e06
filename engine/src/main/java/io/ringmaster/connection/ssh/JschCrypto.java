package io.ringmaster.connection.ssh;

import com.jcraft.jsch.JSch;
import java.util.Set;

/**
 * Which implementations JSch's handshakes use. JSch's defaults are the JDK's X25519, Ed25519 and
 * AES-GCM, ~5.7 ms of CPU per host in this launcher's C1-only JVM
 * (bench/notes/speed-2026-12-03.md). JSch ships adapters for Bouncy Castle's lightweight API (no
 * JCE provider is registered): RFC 7748 X25519/X448, RFC 8032 Ed25519/Ed448 and ChaCha20-Poly1305,
 * ~3.5 ms per host; measured, ~1.6 s less JVM CPU on a 200-host run and ~0.3 s on a 50-host one.
 * With Bouncy Castle on the class path (it is in the runnable jar) they are installed once per JVM,
 * and chacha20-poly1305@openssh.com is proposed first, as OpenSSH's own client does (its integrity
 * against prefix truncation rests on strict key exchange, which JSch enables and OpenSSH 9.6+ and
 * patched 9.x servers offer); without Bouncy Castle JSch's defaults stay. JSch's random source is
 * one {@link SharedRandom} either way.
 */
final class JschCrypto {
    /** The cipher proposed first when Bouncy Castle is present. */
    static final String PREFERRED_CIPHER = "chacha20-poly1305@openssh.com";

    /** The algorithms whose JSch implementation is Bouncy Castle's once installed. */
    private static final Set<String> PROVIDED =
            Set.of(PREFERRED_CIPHER, "ssh-ed25519", "ssh-ed448");

    /** Whether Bouncy Castle's curves and ChaCha20 are on the class path (decided once). */
    static final boolean BOUNCY_CASTLE = install();

    private JschCrypto() {}

    /** JSch's cipher list for one direction, with ChaCha20-Poly1305 first when it is available. */
    static String ciphers(String jschDefault) {
        return BOUNCY_CASTLE
                ? SshTransport.preferFirst(PREFERRED_CIPHER, jschDefault)
                : jschDefault;
    }

    /**
     * JSch's per-session check list ({@code CheckCiphers}, {@code CheckSignatures}) without what
     * Bouncy Castle is known to provide: JSch instantiates and initialises each listed algorithm
     * before every handshake, and the answer does not change within a run.
     */
    static String stillToCheck(String checkList) {
        return BOUNCY_CASTLE ? SshTransport.without(checkList, PROVIDED::contains) : checkList;
    }

    /**
     * Installs JSch's random source, and Bouncy Castle's algorithms when present (which it says).
     */
    private static boolean install() {
        JSch.setConfig("random", SharedRandom.class.getName());
        if (!present("org.bouncycastle.math.ec.rfc7748.X25519")
                || !present("org.bouncycastle.math.ec.rfc8032.Ed25519")
                || !present("org.bouncycastle.crypto.engines.ChaChaEngine")) {
            return false;
        }
        // global on purpose: JSch looks some of these up in its own table, not the session's
        JSch.setConfig("xdh", "com.jcraft.jsch.bc.XDH");
        JSch.setConfig("ssh-ed25519", "com.jcraft.jsch.bc.SignatureEd25519");
        JSch.setConfig("ssh-ed448", "com.jcraft.jsch.bc.SignatureEd448");
        JSch.setConfig("keypairgen.eddsa", "com.jcraft.jsch.bc.KeyPairGenEdDSA");
        JSch.setConfig(PREFERRED_CIPHER, "com.jcraft.jsch.bc.ChaCha20Poly1305");
        return true;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, JschCrypto.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
