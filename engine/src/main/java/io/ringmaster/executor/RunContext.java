package io.ringmaster.executor;

import io.ringmaster.event.RunListener;
import io.ringmaster.expr.Templar;
import io.ringmaster.inventory.Inventory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything shared by one run: made once, read by every task on every host.
 *
 * @param stop set by Ctrl-C: no new task starts, running ones finish
 */
record RunContext(
        Inventory inventory,
        ModuleRegistry registry,
        Templar templar,
        HostConnector connector,
        RunListener listener,
        RunOptions options,
        ExecutorService pool,
        AtomicBoolean stop,
        Map<String, HostState> hosts) {

    RunContext {
        hosts = hosts == null ? new ConcurrentHashMap<>() : hosts;
    }

    HostState host(String name) {
        return hosts.computeIfAbsent(name, HostState::new);
    }
}
