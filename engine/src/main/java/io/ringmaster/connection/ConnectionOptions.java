package io.ringmaster.connection;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run-wide connection settings from the command line.
 *
 * @param acceptNewHostKeys record unknown host keys (trust on first use); a changed key is still
 *     refused
 * @param knownHosts the known_hosts file (default {@code ~/.ssh/known_hosts})
 * @param sshConfig the ssh config file (default {@code ~/.ssh/config}); may not exist
 * @param connectTimeout per connection attempt
 * @param connectRetries extra attempts after a failed connect
 * @param passphraseEnv name of the environment variable holding a key passphrase, or null
 * @param password SSH password when explicitly asked for, or null
 * @param becomePassword sudo password from {@code --ask-become-pass}, or null
 * @param keyPassphrase private key passphrase typed at the prompt ({@code --ask-key-passphrase}),
 *     or null; used before {@code passphraseEnv}
 */
public record ConnectionOptions(
        boolean acceptNewHostKeys,
        Path knownHosts,
        Path sshConfig,
        Duration connectTimeout,
        int connectRetries,
        String passphraseEnv,
        char[] password,
        char[] becomePassword,
        char[] keyPassphrase) {

    /** Options without a prompted key passphrase. */
    public ConnectionOptions(
            boolean acceptNewHostKeys,
            Path knownHosts,
            Path sshConfig,
            Duration connectTimeout,
            int connectRetries,
            String passphraseEnv,
            char[] password,
            char[] becomePassword) {
        this(
                acceptNewHostKeys,
                knownHosts,
                sshConfig,
                connectTimeout,
                connectRetries,
                passphraseEnv,
                password,
                becomePassword,
                null);
    }

    public static ConnectionOptions defaults() {
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        return new ConnectionOptions(
                false,
                ssh.resolve("known_hosts"),
                ssh.resolve("config"),
                Duration.ofSeconds(10),
                2,
                null,
                null,
                null);
    }
}
