package io.ringmaster.playbook;

import io.ringmaster.error.Position;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One play. Roles listed under {@code roles:} are already expanded into {@link #tasks()} (before
 * the play's own tasks, as Ansible runs them) and {@link #handlers()}.
 *
 * @param name the play's name (or its hosts pattern when unnamed)
 * @param hosts the host pattern, may hold expressions
 * @param vars play vars
 * @param varsFiles vars_files paths as written (may hold expressions), resolved against {@link
 *     #baseDir()}
 * @param gatherFacts whether to run the {@code setup} module first (Ansible's default: true)
 * @param become play-level privilege escalation
 * @param serial batch sizes: each an Integer count or a String percentage such as {@code "10%"};
 *     empty means all hosts in one batch
 * @param maxFailPercentage abort the play when more than this percentage of a batch failed; null
 *     for none
 * @param anyErrorsFatal any host failing stops the play for all hosts
 * @param tasks pre_tasks, role tasks, tasks, post_tasks in Ansible's order
 * @param handlers play and role handlers
 * @param tags tags applying to every task of the play
 * @param baseDir the directory of the file the play was written in
 * @param position where the play starts
 */
public record Play(
        String name,
        String hosts,
        Map<String, Object> vars,
        List<String> varsFiles,
        boolean gatherFacts,
        BecomeSpec become,
        List<Object> serial,
        Integer maxFailPercentage,
        boolean anyErrorsFatal,
        List<TaskNode> tasks,
        List<Task> handlers,
        List<String> tags,
        Path baseDir,
        Position position) {
    public Play {
        vars = OrderedMaps.frozen(vars);
        varsFiles = List.copyOf(varsFiles);
        serial = List.copyOf(serial);
        tasks = List.copyOf(tasks);
        handlers = List.copyOf(handlers);
        tags = List.copyOf(tags);
    }
}
