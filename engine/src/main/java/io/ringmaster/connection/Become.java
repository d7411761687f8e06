package io.ringmaster.connection;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostLock;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Remote;
import io.ringmaster.module.api.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Privilege escalation with {@code sudo}: wraps a {@link Remote} so that every command runs as
 * another user.
 *
 * <p>Without a password, {@code sudo -n} never waits for one. With a password, {@code sudo -S -p
 * ''} reads it as the first line of stdin; sudo reads its password byte by byte, so the caller's
 * own stdin follows untouched. A marker line written to stderr by the escalated shell tells a sudo
 * failure apart from the command's own failure. Uploads stream the content through the escalated
 * shell into a temporary file in the destination directory, then rename it, so the final step is an
 * atomic rename owned by the become user.
 */
public final class Become {
    static final String MARKER = "ringmaster-become-ok";
    private static final List<String> SUDO_PASSWORD_ERRORS =
            List.of(
                    "a password is required",
                    "incorrect password",
                    "Sorry, try again",
                    "no password was provided",
                    "a terminal is required");

    private Become() {}

    /**
     * A Remote whose commands and uploads run as {@code becomeUser}; {@code password} may be null.
     */
    public static Remote wrap(Remote inner, String becomeUser, char[] password) {
        return new BecomeRemote(inner, becomeUser, password == null ? null : password.clone());
    }

    /** The command line that runs {@code command} as {@code user} through sudo. */
    static String sudoCommand(String user, String command, boolean withPassword) {
        String inner = "echo " + MARKER + " >&2; exec /bin/sh -c " + Shell.quote(command);
        String sudo = withPassword ? "sudo -S -p '' -H -u " : "sudo -n -H -u ";
        return sudo + Shell.quote(user) + " -- /bin/sh -c " + Shell.quote(inner);
    }

    /**
     * Turns a raw result of {@link #sudoCommand} into the command's own result, or a clear sudo
     * failure.
     */
    static ExecResult interpret(ExecResult raw, String user, boolean withPassword) {
        String err = raw.stderr();
        int at = err.indexOf(MARKER + "\n");
        if (at >= 0) {
            String own = err.substring(at + MARKER.length() + 1);
            return new ExecResult(raw.rc(), raw.stdout(), own, raw.signal());
        }
        String sudoSaid = err.strip();
        String hint;
        if (SUDO_PASSWORD_ERRORS.stream().anyMatch(sudoSaid::contains)) {
            hint =
                    withPassword
                            ? "sudo rejected the become password for becoming '"
                                    + user
                                    + "': check the password given "
                                    + "with --ask-become-pass"
                            : "sudo needs a password to become '"
                                    + user
                                    + "': run again with --ask-become-pass "
                                    + "(or allow NOPASSWD in sudoers)";
        } else if (sudoSaid.contains("not found") && sudoSaid.contains("sudo")) {
            hint = "sudo is not installed on the host: install it or run without become";
        } else {
            hint = "sudo could not run the command as '" + user + "'";
        }
        String stderr =
                "become failed: "
                        + hint
                        + (sudoSaid.isEmpty() ? "" : "\nsudo said: " + sudoSaid)
                        + "\n";
        return new ExecResult(raw.rc() == 0 ? 1 : raw.rc(), raw.stdout(), stderr, raw.signal());
    }

    private record BecomeRemote(Remote inner, String user, char[] password) implements Remote {

        @Override
        public ExecResult exec(String command, byte[] stdin, Duration timeout)
                throws HostUnreachableException, InterruptedException {
            boolean withPassword = password != null;
            byte[] input = withPassword ? prefixPassword(stdin) : stdin;
            try {
                ExecResult raw =
                        inner.exec(sudoCommand(user, command, withPassword), input, timeout);
                return interpret(raw, user, withPassword);
            } finally {
                if (withPassword) {
                    Arrays.fill(input, (byte) 0);
                }
            }
        }

        @Override
        public void upload(byte[] content, String path, String mode)
                throws HostUnreachableException, InterruptedException {
            ExecResult r =
                    exec(AtomicWrite.script(path, mode, content), content, Duration.ofMinutes(10));
            if (!r.ok()) {
                String msg =
                        "upload to "
                                + path
                                + " as "
                                + user
                                + " failed (rc "
                                + r.rc()
                                + "): "
                                + r.stderr().strip();
                throw new UncheckedIOException(msg, new IOException(msg));
            }
        }

        @Override
        public HostLock lock(String lockFile, Duration wait)
                throws HostUnreachableException, InterruptedException, HostLock.Busy {
            if (!(Delegating.underlying(inner) instanceof Connection c)) {
                return inner.lock(lockFile, wait);
            }
            return HostLocks.take(
                    command -> {
                        HostLocks.Channel ch =
                                c.openHolder(sudoCommand(user, command, password != null));
                        if (password != null) {
                            byte[] pw = prefixPassword(null);
                            ch.stdin().write(pw);
                            ch.stdin().flush();
                            Arrays.fill(pw, (byte) 0);
                        }
                        return ch;
                    },
                    c.host(),
                    lockFile,
                    wait);
        }

        @Override
        public Remote reconnect(Duration timeout)
                throws HostUnreachableException, InterruptedException {
            return new BecomeRemote(inner.reconnect(timeout), user, password);
        }

        @Override
        public boolean isLocal() {
            return inner.isLocal();
        }

        private byte[] prefixPassword(byte[] stdin) {
            ByteBuffer pw = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            int rest = stdin == null ? 0 : stdin.length;
            byte[] all = new byte[pw.remaining() + 1 + rest];
            pw.get(all, 0, pw.remaining());
            int n = all.length - 1 - rest;
            all[n] = '\n';
            if (rest > 0) {
                System.arraycopy(stdin, 0, all, n + 1, rest);
            }
            Arrays.fill(pw.array(), (byte) 0);
            return all;
        }

        @Override
        public String toString() {
            return "Become[" + user + "]";
        }
    }
}
