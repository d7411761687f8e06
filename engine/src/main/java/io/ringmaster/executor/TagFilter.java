package io.ringmaster.executor;

import java.util.List;
import java.util.Set;

/**
 * {@code --tags} and {@code --skip-tags} as Ansible applies them, with the special tags {@code
 * always}, {@code never}, {@code all}, {@code tagged} and {@code untagged}.
 */
public record TagFilter(Set<String> only, Set<String> skip) {

    /** True when a task with these tags is selected. */
    public boolean runs(List<String> taskTags) {
        Set<String> tags = Set.copyOf(taskTags);
        if (!skip.isEmpty()) {
            if (skip.contains("all") && !tags.contains("always")) {
                return false;
            }
            if (skip.contains("tagged") && !tags.isEmpty()
                    || skip.contains("untagged") && tags.isEmpty()) {
                return false;
            }
            if (tags.stream().anyMatch(skip::contains)) {
                return false;
            }
        }
        if (only.isEmpty() || only.contains("all")) {
            return !tags.contains("never") || tags.stream().anyMatch(only::contains);
        }
        if (tags.contains("always")) {
            return true;
        }
        if (tags.contains("never") && tags.stream().noneMatch(only::contains)) {
            return false;
        }
        if (only.contains("tagged") && !tags.isEmpty()
                || only.contains("untagged") && tags.isEmpty()) {
            return true;
        }
        return tags.stream().anyMatch(only::contains);
    }
}
