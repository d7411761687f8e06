package io.ringmaster.playbook;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.error.UserError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that every literal {@code notify} of a play names one of its handlers or a {@code listen}
 * topic, as Ansible does when it loads a play. Names holding an expression are left to the
 * executor.
 */
final class NotifyCheck {
    private NotifyCheck() {}

    static void check(List<TaskNode> tasks, List<Task> handlers) {
        Set<String> known = new LinkedHashSet<>();
        for (Task h : handlers) {
            known.add(h.name());
            known.addAll(h.options().listen());
        }
        tasks.forEach(t -> check(t, known));
        handlers.forEach(t -> check(t, known));
    }

    private static void check(TaskNode node, Set<String> known) {
        if (node instanceof Block b) {
            b.block().forEach(t -> check(t, known));
            b.rescue().forEach(t -> check(t, known));
            b.always().forEach(t -> check(t, known));
            return;
        }
        for (String name : node.options().notifies()) {
            if (!name.contains("${") && !known.contains(name)) {
                throw new UserError(
                        node.position(),
                        "the task notifies '"
                                + name
                                + "' but the play has no handler "
                                + "of that name or 'listen' topic"
                                + DidYouMean.suffix(name, known),
                        known.isEmpty()
                                ? "add the handler under the play's 'handlers:'"
                                : "the play's handlers and topics are: "
                                        + String.join(", ", known));
            }
        }
    }
}
