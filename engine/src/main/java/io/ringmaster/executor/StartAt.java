package io.ringmaster.executor;

import io.ringmaster.playbook.Task;

/**
 * {@code --start-at-task NAME}: every task before the first whose name (or {@code role : name}) is
 * NAME is left out, across plays; facts are still gathered and handlers still run, as in Ansible.
 */
final class StartAt {
    private final String name;
    private volatile boolean reached;

    StartAt(String name) {
        this.name = name;
        this.reached = name == null;
    }

    /** True while tasks are still being left out (NAME not reached yet). */
    boolean leavingOut() {
        return !reached;
    }

    boolean skips(Task task) {
        if (reached) {
            return false;
        }
        String role = task.role() == null ? null : task.role().name() + " : " + task.name();
        if (name.equals(task.name()) || name.equals(role)) {
            reached = true;
            return false;
        }
        return true;
    }
}
