package io.ringmaster.builtin.bench;

/** One measurement to take: a disk, with one tool in one aio mode. */
record Job(Disk disk, PathFacts facts, Tool tool, Mode mode) {}
