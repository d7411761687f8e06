package io.ringmaster.playbook;

import io.ringmaster.error.Position;

/** A step of a play: one task, or a block of tasks with rescue and always. */
public sealed interface TaskNode permits Task, Block, FlushHandlers {

    TaskOptions options();

    Position position();
}
