package io.ringmaster.playbook;

import io.ringmaster.error.Position;

/**
 * The point where Ansible runs the notified handlers inside a play: after {@code pre_tasks} and
 * after the roles and {@code tasks} (the end of the play, after {@code post_tasks}, is the
 * executor's own flush). The loader puts one between sections that are followed by more tasks;
 * {@code meta: flush_handlers} does the same on request.
 */
public record FlushHandlers(Position position) implements TaskNode {
    @Override
    public TaskOptions options() {
        return TaskOptions.none();
    }
}
