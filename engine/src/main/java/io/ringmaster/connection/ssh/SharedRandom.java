package io.ringmaster.connection.ssh;

import java.security.SecureRandom;

/**
 * JSch's source of random bytes (padding, cookies, key-exchange secrets) backed by one {@link
 * SecureRandom} for the whole run instead of a new one per session: JSch builds its {@code random}
 * for every session, and seeding a SecureRandom is ~0.3 ms of CPU per host. SecureRandom is safe
 * for concurrent use.
 */
public final class SharedRandom implements com.jcraft.jsch.Random {
    private static final SecureRandom SOURCE = new SecureRandom();

    @Override
    public void fill(byte[] buffer, int start, int length) {
        if (start == 0 && length == buffer.length) {
            SOURCE.nextBytes(buffer);
            return;
        }
        byte[] tmp = new byte[length];
        SOURCE.nextBytes(tmp);
        System.arraycopy(tmp, 0, buffer, start, length);
    }
}
