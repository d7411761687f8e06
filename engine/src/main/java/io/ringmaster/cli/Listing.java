package io.ringmaster.cli;

import io.ringmaster.executor.RunOptions;
import io.ringmaster.executor.TagFilter;
import io.ringmaster.inventory.Inventory;
import io.ringmaster.playbook.Block;
import io.ringmaster.playbook.Play;
import io.ringmaster.playbook.Playbook;
import io.ringmaster.playbook.Task;
import io.ringmaster.playbook.TaskNode;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * --syntax-check, --list-hosts and --list-tasks (the tasks --tags/--skip-tags select), in
 * ansible-playbook's shape.
 */
final class Listing {
    private final PrintWriter out;
    private final Inventory inventory;
    private final RunOptions options;
    private final TagFilter tags;

    Listing(PrintWriter out, Inventory inventory, RunOptions options) {
        this.out = out;
        this.inventory = inventory;
        this.options = options;
        this.tags = new TagFilter(options.tags(), options.skipTags());
    }

    void print(List<Playbook> playbooks, boolean syntax, boolean hosts, boolean tasks) {
        for (Playbook pb : playbooks) {
            out.println();
            out.println("playbook: " + pb.file());
            if (syntax && !hosts && !tasks) {
                continue;
            }
            int n = 0;
            for (Play play : pb.plays()) {
                n++;
                out.println();
                out.println(
                        "  play #"
                                + n
                                + " ("
                                + play.hosts()
                                + "): "
                                + play.name()
                                + (play.tags().isEmpty() ? "" : "\tTAGS: " + play.tags()));
                if (hosts) {
                    List<String> selected = inventory.select(play.hosts());
                    if (options.limit() != null) {
                        Set<String> lim = new HashSet<>(inventory.select(options.limit()));
                        selected = selected.stream().filter(lim::contains).toList();
                    }
                    out.println("    pattern: ['" + play.hosts() + "']");
                    out.println("    hosts (" + selected.size() + "):");
                    selected.forEach(
                            h -> out.println("      " + io.ringmaster.report.Visible.of(h)));
                }
                if (tasks) {
                    out.println("    tasks:");
                    listTasks(play.tasks(), "      ");
                }
            }
        }
        out.flush();
    }

    private void listTasks(List<TaskNode> nodes, String indent) {
        for (TaskNode node : nodes) {
            if (node instanceof Task t) {
                if (!tags.runs(t.options().tags())) {
                    continue;
                }
                String role = t.role() == null ? "" : t.role().name() + " : ";
                out.println(
                        indent
                                + role
                                + t.name()
                                + "\tTAGS: "
                                + new java.util.TreeSet<>(t.options().tags()));
            } else if (node instanceof Block b) {
                listTasks(b.block(), indent);
                listTasks(b.rescue(), indent);
                listTasks(b.always(), indent);
            }
        }
    }
}
