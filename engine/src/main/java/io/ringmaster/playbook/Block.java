package io.ringmaster.playbook;

import io.ringmaster.error.Position;
import java.util.List;

/**
 * {@code block}/{@code rescue}/{@code always}: rescue runs on the hosts that failed in block,
 * always on every host that entered the block. The block's options (when, tags, vars, become, ...)
 * apply to every task inside.
 */
public record Block(
        String name,
        List<TaskNode> block,
        List<TaskNode> rescue,
        List<TaskNode> always,
        TaskOptions options,
        Position position)
        implements TaskNode {
    public Block {
        block = List.copyOf(block);
        rescue = List.copyOf(rescue);
        always = List.copyOf(always);
    }
}
