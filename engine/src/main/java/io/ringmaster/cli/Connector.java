package io.ringmaster.cli;

import io.ringmaster.connection.Become;
import io.ringmaster.connection.ConnectionOptions;
import io.ringmaster.connection.ConnectionTarget;
import io.ringmaster.connection.pool.Transports;
import io.ringmaster.executor.HostConnector;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Remote;
import java.util.Map;

/** Joins the executor to the connection layer: one connection per host for the run, sudo for become. */
final class Connector implements HostConnector, AutoCloseable {
    private final ConnectionOptions options;
    private final Transports transports;

    Connector(ConnectionOptions options) {
        this.options = options;
        this.transports = new Transports(options);
    }

    @Override
    public Remote connect(String host, Map<String, Object> vars)
            throws HostUnreachableException, InterruptedException {
        return transports.connection(new ConnectionTarget(host, vars, options));
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
