package io.ringmaster.executor;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.event.RunEvent;
import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.playbook.Play;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A play's hosts: its pattern (rendered with -e), intersected with --limit, without hosts that
 * already failed.
 */
final class HostSelection {
    private final RunContext run;

    HostSelection(RunContext run) {
        this.run = run;
    }

    List<String> hostsFor(Play play) {
        String pattern;
        try {
            pattern =
                    run.templar()
                            .renderString(play.hosts(), run.options().extraVars(), play.position());
        } catch (ExpressionException e) {
            throw new PlayRunner.PlayError(e);
        }
        warnUnmatched(pattern);
        List<String> hosts = new ArrayList<>(run.inventory().select(pattern));
        if (run.options().limit() != null) {
            warnUnmatched(run.options().limit());
            Set<String> limit = new HashSet<>(run.inventory().select(run.options().limit()));
            hosts.retainAll(limit);
        }
        hosts.removeIf(h -> run.host(h).failed() || run.host(h).unreachable());
        return List.copyOf(hosts);
    }

    private void warnUnmatched(String pattern) {
        Set<String> names = new HashSet<>(run.inventory().groups().keySet());
        run.inventory().hosts().forEach(h -> names.add(h.name()));
        for (String part : run.inventory().unmatchedPatternParts(pattern)) {
            run.listener()
                    .on(
                            new RunEvent.Warning(
                                    "Could not match supplied host pattern, ignoring: "
                                            + part
                                            + DidYouMean.suffix(part, names)));
        }
    }
}
