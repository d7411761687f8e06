package io.ringmaster.executor;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What the command line asked for.
 *
 * @param checkMode predict, change nothing
 * @param diffMode report before/after of changes
 * @param forks at most this many hosts at once
 * @param limit a host pattern further limiting every play, or null
 * @param tags run only tasks with one of these tags (empty: all)
 * @param skipTags skip tasks with one of these tags
 * @param extraVars {@code -e}, highest precedence
 * @param projectTemplates the project's {@code templates/} folder, the last place templates are
 *     looked up
 * @param cliDefaults -b/--become-user as variables of the lowest precedence (ansible_become,
 *     ansible_become_user): every play, task or inventory setting overrides them, as in Ansible
 * @param startAtTask --start-at-task: tasks before the first one of this name do not run; null for
 *     none
 */
public record RunOptions(
        boolean checkMode,
        boolean diffMode,
        int forks,
        String limit,
        Set<String> tags,
        Set<String> skipTags,
        Map<String, Object> extraVars,
        Path projectTemplates,
        Map<String, Object> cliDefaults,
        String startAtTask) {

    /** Options without command-line defaults or a start task. */
    public RunOptions(
            boolean checkMode,
            boolean diffMode,
            int forks,
            String limit,
            Set<String> tags,
            Set<String> skipTags,
            Map<String, Object> extraVars,
            Path projectTemplates) {
        this(
                checkMode,
                diffMode,
                forks,
                limit,
                tags,
                skipTags,
                extraVars,
                projectTemplates,
                Map.of(),
                null);
    }

    public RunOptions {
        cliDefaults = Map.copyOf(cliDefaults);
        tags = Set.copyOf(tags);
        skipTags = Set.copyOf(skipTags);
        extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars));
    }

    public static RunOptions defaults() {
        return new RunOptions(
                false, false, 50, null, Set.of(), Set.of(), Map.of(), Path.of("templates"));
    }
}
