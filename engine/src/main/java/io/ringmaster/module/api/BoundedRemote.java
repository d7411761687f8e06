package io.ringmaster.module.api;

import java.time.Duration;
import java.util.Optional;

/** A remote whose every step is capped at the task's {@code timeout:}. */
record BoundedRemote(Remote inner, Duration timeout) implements Remote {

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration requested)
            throws HostUnreachableException, InterruptedException {
        return inner.exec(command, stdin, requested.compareTo(timeout) < 0 ? requested : timeout);
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
    public Optional<Duration> taskTimeout() {
        return Optional.of(timeout);
    }

    @Override
    public HostLock lock(String lockFile, Duration wait)
            throws HostUnreachableException, InterruptedException, HostLock.Busy {
        return inner.lock(lockFile, wait);
    }

    @Override
    public Remote reconnect(Duration wait) throws HostUnreachableException, InterruptedException {
        return new BoundedRemote(inner.reconnect(wait), timeout);
    }
}
