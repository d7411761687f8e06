package io.ringmaster.module.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task module: one class per module, found through {@link java.util.ServiceLoader}. The engine
 * validates a task's arguments against {@link #params()} before any host is contacted, renders
 * expressions, then calls {@link #run(ModuleContext)} once per host.
 */
public interface Module {

    /** The name used in playbooks, e.g. {@code command}. */
    String name();

    /** One line for {@code ringmaster modules}. */
    String description();

    /** The argument spec, as Ansible's {@code argument_spec}. */
    List<Param> params();

    /**
     * The parameter that receives a task's free-form value ({@code command: ls -l}); empty when the
     * module accepts only a map of arguments.
     */
    default Optional<String> freeFormParam() {
        return Optional.empty();
    }

    /**
     * True when the module can predict its result under {@code --check} without changing anything.
     */
    default boolean supportsCheckMode() {
        return false;
    }

    /**
     * True when the module sets host variables through the data key {@code ansible_facts} (as
     * {@code setup} and {@code set_fact} do). For any other module that key is ordinary data (a
     * {@code debug} of {@code ansible_facts} shows the facts and sets nothing).
     */
    default boolean returnsFacts() {
        return false;
    }

    /**
     * Cross-parameter checks on the arguments as written (values may still hold unrendered {@code
     * ${...}}). Each string is one problem; the engine adds the task's position.
     */
    default List<String> validate(Map<String, Object> literalArgs) {
        return List.of();
    }

    /**
     * The first read this task will make on the host, when the module can say before the host's
     * facts are gathered: the engine runs it inside fact gathering's exec and hands the result back
     * through {@link Remote#takeReadAheads}. Must run nothing and change nothing; empty (the
     * default) when the read depends on what is not known yet.
     */
    default Optional<ReadAhead> readAhead(ModuleContext context) {
        return Optional.empty();
    }

    /**
     * True when, once the host's facts are gathered, the module runs nothing on the host (debug,
     * assert, set_fact, preflight): a read-ahead of a task after it is still worth making. Were it
     * to run something after all, the read-ahead is dropped, never used stale.
     */
    default boolean usesOnlyFacts() {
        return false;
    }

    /**
     * Runs the module on one host. A lost connection propagates as {@link
     * HostUnreachableException}.
     */
    ModuleResult run(ModuleContext context) throws HostUnreachableException, InterruptedException;
}
