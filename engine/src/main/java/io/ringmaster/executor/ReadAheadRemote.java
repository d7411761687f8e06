package io.ringmaster.executor;

import io.ringmaster.connection.Delegating;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostLock;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.ReadAhead;
import io.ringmaster.module.api.Remote;
import io.ringmaster.playbook.Task;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The remote a task's module sees, outermost (over become and the task's timeout): it gives the
 * task its read-aheads, and anything run through it drops the host's read-ahead results.
 *
 * @param runsAs who the task's commands run as ({@code become}), so a read-ahead is only carried
 *     and used by tasks running as the same user
 */
record ReadAheadRemote(Remote inner, ReadAheads store, Task task, String runsAs)
        implements Remote, Delegating {

    @Override
    public Remote delegate() {
        return inner;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout)
            throws HostUnreachableException, InterruptedException {
        store.ranSomething();
        return inner.exec(command, stdin, timeout);
    }

    @Override
    public void upload(byte[] content, String path, String mode)
            throws HostUnreachableException, InterruptedException {
        store.ranSomething();
        inner.upload(content, path, mode);
    }

    @Override
    public boolean isLocal() {
        return inner.isLocal();
    }

    @Override
    public Optional<Duration> taskTimeout() {
        return inner.taskTimeout();
    }

    @Override
    public Duration stepTimeout() {
        return inner.stepTimeout();
    }

    @Override
    public HostLock lock(String lockFile, Duration wait)
            throws HostUnreachableException, InterruptedException, HostLock.Busy {
        store.ranSomething();
        return inner.lock(lockFile, wait);
    }

    @Override
    public Remote reconnect(Duration timeout)
            throws HostUnreachableException, InterruptedException {
        store.ranSomething();
        return new ReadAheadRemote(inner.reconnect(timeout), store, task, runsAs);
    }

    /** Offers {@code read} (the task's own first read) for fact gathering to carry. */
    void offer(ReadAhead read) {
        store.offer(task, runsAs, read);
    }

    @Override
    public List<ReadAhead> readAheads() {
        return store.pending(runsAs);
    }

    @Override
    public void readAheadDone(ReadAhead read, ExecResult result) {
        store.done(read, result);
    }

    @Override
    public List<ReadAhead.Done> takeReadAheads() {
        return store.take(task, runsAs);
    }
}
