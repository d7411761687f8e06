package io.ringmaster.builtin.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the plan needs from the host, as read.
 *
 * @param host inventory name, for messages
 * @param tools the benchmark programs found on PATH
 * @param ioUringDisabled {@code kernel.io_uring_disabled} (0 enabled, 1 restricted, 2 off), -1 when
 *     the kernel has no such switch
 * @param domainRunning the {@code domain:} target is running (or paused)
 * @param targets the disks to bench, with {@code facts} of each (same order)
 * @param inUse real path of every disk a defined domain uses, to the domain's name (read before a
 *     write)
 * @param inUseKnown false when the domains could not be listed (a write is then refused)
 */
record HostFacts(
        String host,
        Set<Tool> tools,
        int ioUringDisabled,
        boolean domainRunning,
        List<Disk> targets,
        List<PathFacts> facts,
        Map<String, String> inUse,
        boolean inUseKnown) {}
