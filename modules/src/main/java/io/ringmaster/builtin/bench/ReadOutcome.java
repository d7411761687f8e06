package io.ringmaster.builtin.bench;

/**
 * The read step: the host's facts, or why they could not be read (no such domain, unreadable
 * definition).
 */
sealed interface ReadOutcome permits ReadOutcome.Read, ReadOutcome.Broken {

    record Read(HostFacts facts) implements ReadOutcome {}

    record Broken(String message) implements ReadOutcome {}
}
