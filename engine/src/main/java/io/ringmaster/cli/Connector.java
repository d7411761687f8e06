package io.ringmaster.cli;

import io.ringmaster.connection.Become;
import io.ringmaster.connection.ConnectionOptions;
import io.ringmaster.connection.ConnectionTarget;
import io.ringmaster.connection.pool.Transports;
import io.ringmaster.executor.HostConnector;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Remote;
import java.util.Map;

/**
 * Joins the executor to the connection layer: one connection per host for the run, sudo for become.
 */
final class Connector implements HostConnector, AutoCloseable {
    private final ConnectionOptions options;
    private final Transports transports;

    private final Map<String, Object> defaults;

    Connector(ConnectionOptions options) {
        this(options, Map.of());
    }

    /**
     * {@code defaults}: connection variables for hosts that do not set them (-u, --private-key,
     * -c).
     */
    Connector(ConnectionOptions options, Map<String, Object> defaults) {
        this.options = options;
        this.transports = new Transports(options);
        this.defaults = Map.copyOf(defaults);
    }

    @Override
    public Remote connect(String host, Map<String, Object> vars)
            throws HostUnreachableException, InterruptedException {
        Map<String, Object> merged = vars;
        if (!defaults.isEmpty()) {
            merged = new java.util.HashMap<>(defaults);
            merged.putAll(vars);
        }
        ConnectionTarget target = new ConnectionTarget(host, merged, options);
        return new Pooled(target, transports.connection(target));
    }

    /** A host's connection that can be reopened through the pool (reboot). */
    private final class Pooled implements Remote, io.ringmaster.connection.Delegating {
        private final ConnectionTarget target;
        private final Remote inner;

        Pooled(ConnectionTarget target, Remote inner) {
            this.target = target;
            this.inner = inner;
        }

        @Override
        public io.ringmaster.module.api.ExecResult exec(
                String command, byte[] stdin, java.time.Duration timeout)
                throws HostUnreachableException, InterruptedException {
            return inner.exec(command, stdin, timeout);
        }

        @Override
        public void upload(byte[] content, String path, String mode)
                throws HostUnreachableException, InterruptedException {
            inner.upload(content, path, mode);
        }

        @Override
        public boolean isLocal() {
            return inner.isLocal();
        }

        @Override
        public Remote reconnect(java.time.Duration timeout)
                throws HostUnreachableException, InterruptedException {
            return inner.isLocal() ? this : new Pooled(target, transports.reopen(target, timeout));
        }

        @Override
        public io.ringmaster.module.api.HostLock lock(String lockFile, java.time.Duration wait)
                throws HostUnreachableException,
                        InterruptedException,
                        io.ringmaster.module.api.HostLock.Busy {
            return inner.lock(lockFile, wait);
        }

        @Override
        public Remote delegate() {
            return inner;
        }

        @Override
        public String toString() {
            return inner.toString();
        }
    }

    @Override
    public Remote become(Remote remote, String user) {
        return Become.wrap(remote, user, options.becomePassword());
    }

    @Override
    public Remote become(Remote remote, String user, char[] password) {
        return Become.wrap(remote, user, password);
    }

    @Override
    public void close() {
        transports.close();
    }
}
