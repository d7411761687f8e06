package io.ringmaster.connection.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.ringmaster.connection.AtomicWrite;
import io.ringmaster.connection.Connection;
import io.ringmaster.connection.HostLocks;
import io.ringmaster.connection.Signals;
import io.ringmaster.connection.Timeouts;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One host's SSH session, open for the whole run. Each command runs on its own exec channel: the
 * server's {@code /bin/sh -c} (the user's login shell, really) gets the command string as it is;
 * stdin is sent and closed; stdout and stderr are collected by JSch's reader thread straight into
 * buffers, and the command is complete when JSch closes them at channel close, which comes after
 * the exit status. No sleep-polling.
 */
final class SshConnection implements Connection {
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final int CHANNEL_OPEN_TIMEOUT_MS = 30_000;

    private final SshTarget target;
    private final Session session;
    private final Consumer<Session> onClose;

    SshConnection(SshTarget target, Session session, Consumer<Session> onClose) {
        this.target = target;
        this.session = session;
        this.onClose = onClose;
    }

    @Override
    public String host() {
        return target.inventoryName();
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout)
            throws HostUnreachableException, InterruptedException {
        CountDownLatch done = new CountDownLatch(2);
        Sink out = new Sink(done);
        Sink err = new Sink(done);
        long t0 = System.nanoTime();
        ChannelExec ch = open(Timeouts.bounded(command, timeout), stdin, out, err);
        try {
            if (!done.await(timeout.plus(Timeouts.BACKSTOP).toMillis(), TimeUnit.MILLISECONDS)) {
                kill(ch);
                return Timeouts.timedOut(
                        out.text(),
                        err.text(),
                        timeout,
                        host(),
                        command,
                        "the host did not end it; its channel was closed");
            }
            int rc = ch.getExitStatus();
            String signal = ch.getExitSignal();
            if (rc == -1 && signal == null) {
                if (sessionLost()) {
                    throw dropped(command);
                }
                return new ExecResult(
                        255,
                        out.text(),
                        err.text()
                                + "ringmaster: the server closed the channel without an exit status\n",
                        null);
            }
            if (signal != null) {
                String name = signal.startsWith("SIG") ? signal.substring(3) : signal;
                return new ExecResult(Signals.shellExitCode(name), out.text(), err.text(), name);
            }
            if (Timeouts.hitBound(rc, System.nanoTime() - t0, timeout)) {
                return Timeouts.timedOut(
                        out.text(),
                        err.text(),
                        timeout,
                        host(),
                        command,
                        "it and its process group were killed on the host");
            }
            return new ExecResult(rc, out.text(), err.text(), null);
        } finally {
            ch.disconnect();
        }
    }

    @Override
    public void upload(byte[] content, String path, String mode)
            throws HostUnreachableException, InterruptedException {
        ExecResult r = exec(AtomicWrite.script(path, mode, content), content, UPLOAD_TIMEOUT);
        if (!r.ok()) {
            String msg =
                    "upload to "
                            + path
                            + " on "
                            + target.inventoryName()
                            + " failed (rc "
                            + r.rc()
                            + "): "
                            + r.stderr().strip();
            throw new UncheckedIOException(msg, new IOException(msg));
        }
    }

    @Override
    public HostLocks.Channel openHolder(String command)
            throws IOException, HostUnreachableException {
        if (!session.isConnected()) {
            throw dropped("flock");
        }
        try {
            ChannelExec ch = (ChannelExec) session.openChannel("exec");
            ch.setCommand(command.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ch.setExtOutputStream(err, false);
            java.io.InputStream in = ch.getInputStream();
            OutputStream stdin = ch.getOutputStream();
            ch.connect(CHANNEL_OPEN_TIMEOUT_MS);
            return new HostLocks.Channel() {
                public OutputStream stdin() {
                    return stdin;
                }

                public java.io.InputStream stdout() {
                    return in;
                }

                public boolean ended() {
                    return ch.isClosed() || !ch.isConnected();
                }

                public String stderr() {
                    synchronized (err) {
                        return err.toString(StandardCharsets.UTF_8);
                    }
                }

                public void end() {
                    ch.disconnect();
                }
            };
        } catch (JSchException e) {
            throw new IOException("the server refused a new channel (" + e.getMessage() + ")", e);
        }
    }

    /** True while the session is up. */
    boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        session.disconnect();
        onClose.accept(session);
    }

    private ChannelExec open(String command, byte[] stdin, Sink out, Sink err)
            throws HostUnreachableException {
        if (!session.isConnected()) {
            throw dropped(command);
        }
        ChannelExec ch;
        try {
            ch = (ChannelExec) session.openChannel("exec");
        } catch (JSchException e) {
            throw dropped(command);
        }
        ch.setCommand(command.getBytes(StandardCharsets.UTF_8));
        ch.setOutputStream(out, false);
        ch.setExtOutputStream(err, false);
        boolean hasInput = stdin != null && stdin.length > 0;
        if (hasInput) {
            ch.setInputStream(new ByteArrayInputStream(stdin), false);
        }
        try {
            OutputStream eof = hasInput ? null : ch.getOutputStream();
            ch.connect(CHANNEL_OPEN_TIMEOUT_MS);
            if (eof != null) {
                eof.close();
            }
        } catch (JSchException | IOException e) {
            ch.disconnect();
            if (!session.isConnected()) {
                throw dropped(command);
            }
            throw new HostUnreachableException(
                    "cannot run a command on "
                            + target.describe()
                            + ": the server refused a new channel ("
                            + e.getMessage()
                            + "). Check MaxSessions in the"
                            + " host's sshd_config.",
                    e);
        }
        return ch;
    }

    /**
     * After a channel ended without an exit status: is the session gone? JSch closes the channels
     * of a broken session a moment before it marks the session disconnected, so give it that
     * moment, then probe.
     */
    private boolean sessionLost() throws InterruptedException {
        for (int i = 0; i < 50 && session.isConnected(); i++) {
            Thread.sleep(10);
        }
        if (!session.isConnected()) {
            return true;
        }
        try {
            session.sendKeepAliveMsg();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private static void kill(ChannelExec ch) {
        try {
            ch.sendSignal("KILL");
        } catch (Exception e) {
            // the server may not support signals; closing the channel still ends the command's I/O
        }
        ch.disconnect();
    }

    private HostUnreachableException dropped(String command) {
        String what = command.length() > 60 ? command.substring(0, 57) + "..." : command;
        return new HostUnreachableException(
                "the connection to "
                        + target.describe()
                        + " dropped (while running: "
                        + what
                        + "). The host went down, sshd was restarted, or the network"
                        + " failed; keepalives every "
                        + SshTransport.SERVER_ALIVE_INTERVAL_MS / 1000
                        + "s got no answer"
                        + " or the server closed the connection.");
    }

    /** Collects one output stream of a channel; JSch closes it when the channel ends. */
    private static final class Sink extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CountDownLatch done;
        private boolean closed;

        Sink(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                done.countDown();
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
