package io.ringmaster.executor;

import io.ringmaster.expr.Templar;
import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.playbook.Play;
import io.ringmaster.playbook.PlaybookLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a play's vars_files: once per file for the whole run, per host only when the path holds an
 * expression (for example {@code vars/${inventory_hostname}.yml}).
 */
final class PlayVarsFiles {
    private final RunContext run;

    PlayVarsFiles(RunContext run) {
        this.run = run;
    }

    Map<String, Map<String, Object>> load(Play play, List<String> hosts) {
        Map<String, Map<String, Object>> byHost = new HashMap<>();
        if (play.varsFiles().isEmpty()) {
            return byHost;
        }
        Map<Path, Map<String, Object>> cache = new HashMap<>();
        for (String host : hosts) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (String file : play.varsFiles()) {
                String name = file;
                if (Templar.isTemplated(file)) {
                    try {
                        Map<String, Object> vars =
                                new LinkedHashMap<>(run.inventory().varsFor(host));
                        vars.put("inventory_hostname", host);
                        vars.putAll(play.vars());
                        vars.putAll(run.options().extraVars());
                        name = run.templar().renderString(file, vars, play.position());
                    } catch (ExpressionException e) {
                        throw new PlayRunner.PlayError(e);
                    }
                }
                Path path = play.baseDir().resolve(name).normalize();
                merged.putAll(cache.computeIfAbsent(path, PlaybookLoader::loadVarsFile));
            }
            byHost.put(host, merged);
        }
        return byHost;
    }
}
