package io.ringmaster.connection;

import io.ringmaster.module.api.HostLock;
import io.ringmaster.module.api.Shell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Host locks with util-linux {@code flock}, held by a command that lives as long as the lock: it
 * opens the lock file, waits for the lock at most the given time, writes who holds it into the
 * file, prints {@link #HELD} and then reads its stdin until the controller closes it (release) or
 * the connection ends (a killed controller: the host releases the lock by itself). A second run
 * that cannot get the lock in time prints {@link #BUSY} and the holder's line.
 */
public final class HostLocks {
    static final String HELD = "ringmaster-lock-held";
    static final String BUSY = "ringmaster-lock-busy";
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final String HOLDER = holder();

    private HostLocks() {}

    /** A started lock command, as the connection sees it. */
    public interface Channel {
        OutputStream stdin();

        InputStream stdout();

        /** True once the command ended. */
        boolean ended();

        /** What the command wrote to stderr so far. */
        String stderr();

        /** Ends the command and frees its resources (the host then releases the lock). */
        void end();
    }

    /** Opens the lock command {@code command} on a host: a connection's part of taking a lock. */
    @FunctionalInterface
    public interface Opener {
        Channel open(String command)
                throws IOException, io.ringmaster.module.api.HostUnreachableException;
    }

    /** The script for {@code /bin/sh -c} that takes and holds the lock on {@code lockFile}. */
    public static String script(String lockFile, Duration wait) {
        long secs = Math.max(0, wait.toSeconds());
        return "L="
                + Shell.quote(lockFile)
                + "\n"
                + "exec 9<>\"$L\" || exit 70\n"
                + "if ! flock -w "
                + secs
                + " 9; then printf '"
                + BUSY
                + " %s\\n' \"$(head -n 1 \"$L\")\"; exit 75; fi\n"
                + "printf '%s\\n' "
                + Shell.quote(HOLDER + " since " + "@STAMP@")
                + " > \"$L\"\n"
                + "echo "
                + HELD
                + "\n"
                + "cat > /dev/null\n"
                + ": > \"$L\"\n";
    }

    /**
     * Takes the lock on {@code host}: runs the script through {@code opener} and waits for its
     * answer.
     */
    public static HostLock take(Opener opener, String host, String lockFile, Duration wait)
            throws io.ringmaster.module.api.HostUnreachableException,
                    InterruptedException,
                    HostLock.Busy {
        String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Channel ch;
        try {
            ch = opener.open(script(lockFile, wait).replace("@STAMP@", stamp));
        } catch (IOException e) {
            throw new io.ringmaster.module.api.HostUnreachableException(
                    "cannot take the lock " + lockFile + " on " + host + ": " + e.getMessage(), e);
        }
        String line = firstLine(ch, wait.plus(GRACE));
        if (line.equals(HELD)) {
            return new Held(lockFile, ch);
        }
        ch.end();
        if (line.startsWith(BUSY)) {
            String who = line.substring(BUSY.length()).strip();
            throw new HostLock.Busy(
                    lockFile
                            + " on "
                            + host
                            + " is locked by "
                            + (who.isEmpty() ? "another run (it wrote no name yet)" : who)
                            + "; waited "
                            + wait.toSeconds()
                            + "s. Let that run"
                            + " finish and run again (a run that died releases the lock by itself)");
        }
        throw new IllegalStateException(
                "cannot take the lock "
                        + lockFile
                        + " on "
                        + host
                        + ": "
                        + (ch.stderr().isBlank()
                                ? "no answer within " + wait.plus(GRACE).toSeconds() + "s"
                                : ch.stderr().strip())
                        + " (flock is in util-linux; the directory must exist and be writable)");
    }

    /** A lock command run by this machine's {@code /bin/sh} (the local connection). */
    public static Channel process(String command) throws IOException {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).start();
        return new Channel() {
            public OutputStream stdin() {
                return p.getOutputStream();
            }

            public InputStream stdout() {
                return p.getInputStream();
            }

            public boolean ended() {
                return !p.isAlive();
            }

            public String stderr() {
                try {
                    return p.isAlive()
                            ? ""
                            : new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }

            public void end() {
                p.destroy();
            }
        };
    }

    private static String firstLine(Channel ch, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        InputStream in = ch.stdout();
        try {
            while (System.nanoTime() < deadline) {
                if (in.available() > 0) {
                    int b = in.read();
                    if (b < 0 || b == '\n') {
                        break;
                    }
                    line.write(b);
                } else if (ch.ended()) {
                    if (in.available() <= 0) {
                        break;
                    }
                } else {
                    Thread.sleep(5);
                }
            }
        } catch (IOException e) {
            // the command ended: whatever arrived is the answer
        }
        return line.toString(StandardCharsets.UTF_8).strip();
    }

    private static String holder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return "ringmaster pid "
                + ProcessHandle.current().pid()
                + " on "
                + host
                + " (user "
                + System.getProperty("user.name")
                + ")";
    }

    private record Held(String path, Channel ch) implements HostLock {
        @Override
        public void close() {
            try {
                ch.stdin().close();
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (!ch.ended() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            } catch (IOException e) {
                // the connection is gone: the host released the lock with it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ch.end();
            }
        }
    }
}
