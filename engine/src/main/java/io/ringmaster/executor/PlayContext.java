package io.ringmaster.executor;

import io.ringmaster.playbook.Play;
import java.util.List;
import java.util.Map;

/**
 * One play as it runs: the play, its hosts, the current serial batch, and vars_files loaded per
 * host (a path may hold expressions).
 */
record PlayContext(
        Play play,
        List<String> hosts,
        List<String> batch,
        Map<String, Map<String, Object>> varsFilesByHost) {

    PlayContext inBatch(List<String> names) {
        return new PlayContext(play, hosts, List.copyOf(names), varsFilesByHost);
    }
}
