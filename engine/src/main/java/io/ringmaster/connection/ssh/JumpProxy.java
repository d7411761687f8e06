package io.ringmaster.connection.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * ProxyJump: the target session's bytes travel through a {@code direct-tcpip} channel of an already
 * open bastion session, as {@code ssh -J} does. One bastion session carries the channels of every
 * host behind it.
 */
final class JumpProxy implements Proxy {
    private final Session bastion;
    private final String bastionName;
    private Channel channel;
    private InputStream in;
    private OutputStream out;

    JumpProxy(Session bastion, String bastionName) {
        this.bastion = bastion;
        this.bastionName = bastionName;
    }

    @Override
    public void connect(SocketFactory ignored, String host, int port, int timeout)
            throws Exception {
        if (!bastion.isConnected()) {
            throw new JumpException(
                    "the jump host " + bastionName + " is no longer connected", null);
        }
        Channel ch = bastion.getStreamForwarder(host, port);
        in = ch.getInputStream();
        out = ch.getOutputStream();
        try {
            ch.connect(timeout);
        } catch (Exception e) {
            ch.disconnect();
            throw new JumpException(
                    "the jump host "
                            + bastionName
                            + " could not open a connection to "
                            + host
                            + ":"
                            + port
                            + " ("
                            + e.getMessage()
                            + ")",
                    e);
        }
        channel = ch;
    }

    /** The jump host could not carry the connection. */
    static final class JumpException extends IOException {
        private static final long serialVersionUID = 1L;

        JumpException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public Socket getSocket() {
        return null;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.disconnect();
        }
    }
}
