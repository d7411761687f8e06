package io.ringmaster.playbook;

import io.ringmaster.error.Position;
import java.util.Map;

/**
 * One task: a module call with its arguments as written (expressions not yet rendered).
 *
 * @param name the task's name, or {@code module} when unnamed
 * @param module the module name as written (validated against the registry before any host is
 *     contacted)
 * @param args the arguments; a free-form value is under the key {@link #FREE_FORM}
 * @param argPositions where each argument key was written (for errors)
 * @param options when, loop, register, notify, ...
 * @param role the role this task came from, or null
 * @param position where the task starts
 */
public record Task(
        String name,
        String module,
        Map<String, Object> args,
        Map<String, Position> argPositions,
        TaskOptions options,
        RoleRef role,
        Position position)
        implements TaskNode {

    /**
     * The key under which a free-form module value ({@code command: ls -l}) is kept in {@link
     * #args()}.
     */
    public static final String FREE_FORM = "_raw_params";

    public Task {
        args = OrderedMaps.frozen(args);
        argPositions = OrderedMaps.frozen(argPositions);
    }
}
