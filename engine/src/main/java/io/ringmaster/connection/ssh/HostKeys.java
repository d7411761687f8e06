package io.ringmaster.connection.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Host key helpers: the key type named inside a key blob and OpenSSH-style SHA256 fingerprints. */
public final class HostKeys {
    private HostKeys() {}

    /**
     * {@code SHA256:} and the unpadded base64 of the blob's SHA-256, as {@code ssh-keygen -l}
     * prints it.
     */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The key type ({@code ssh-ed25519}) written at the start of an SSH public key blob. */
    public static String type(byte[] blob) {
        if (blob.length < 4) {
            return "unknown";
        }
        int len = ByteBuffer.wrap(blob, 0, 4).getInt();
        if (len <= 0 || len > blob.length - 4) {
            return "unknown";
        }
        return new String(blob, 4, len, StandardCharsets.US_ASCII);
    }

    /** The OpenSSH public key line body: {@code TYPE BASE64}. */
    public static String publicKeyText(byte[] blob) {
        return type(blob) + " " + Base64.getEncoder().encodeToString(blob);
    }
}
