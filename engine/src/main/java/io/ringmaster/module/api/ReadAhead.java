package io.ringmaster.module.api;

/**
 * A read that a later task will make first on a host, run early inside an earlier task's own exec
 * (setup's fact gathering) so that the no-change run needs one exec channel and one process less
 * per host. The engine only carries it from the module that offers it ({@link Module#readAhead}) to
 * the module that runs it ({@link Remote#readAheads}) and back ({@link Remote#takeReadAheads});
 * those two agree on its form (a record, compared with {@code equals}).
 *
 * <p>A read-ahead changes nothing on the host. Its result reaches the task it was offered for only
 * when nothing else ran on the host in between, and only once; a module that does not find its
 * read-ahead (or finds it different from the read it would make now) simply reads.
 */
public interface ReadAhead {

    /** A read-ahead with what it printed, as one exec's result. */
    record Done(ReadAhead read, ExecResult result) {}
}
