package io.ringmaster.event;

/** A task's outcome on one host, as Ansible names them. */
public enum Status {
    OK,
    CHANGED,
    FAILED,
    SKIPPED,
    UNREACHABLE
}
