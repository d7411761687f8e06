package io.ringmaster.playbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The keywords that wrap a module call. Expressions are kept as written; each carries its position
 * through {@link Expr}.
 *
 * @param when conditions, all must hold (Velocity boolean expressions or YAML booleans)
 * @param loop the loop value (a list, or an {@link Expr} rendering to one), or null
 * @param loopVar {@code loop_control.loop_var}, default {@code item}
 * @param register the variable receiving the result, or null
 * @param notifies handler names or listen topics
 * @param changedWhen overrides changed, or null
 * @param failedWhen overrides failed, or null
 * @param ignoreErrors a failure is reported but the host carries on
 * @param tags the task's own tags (inherited ones are added by the loader)
 * @param checkMode {@code check_mode}: true forces check mode, false forces a real run, null
 *     inherits
 * @param until retry until this holds, or null
 * @param retries retries with until (Ansible's default 3)
 * @param delay seconds between retries (default 5)
 * @param vars task (or block) vars
 * @param become privilege escalation at this level
 * @param listen for handlers: the topics it listens to
 * @param label {@code loop_control.label}: what the output shows for each item (an expression), or
 *     null
 * @param timeout {@code timeout:}: the bound of each remote step of the task, or null for the
 *     modules' own
 * @param noLog {@code no_log}: the result is censored in every output and report (inherited)
 * @param ignoreErrorsIf {@code ignore_errors} written as a condition ({@code $retry_ok}), evaluated
 *     with the task's variables before the task runs, as Ansible templates it; null when it is a
 *     literal
 */
public record TaskOptions(
        List<Expr> when,
        Object loop,
        String loopVar,
        String register,
        List<String> notifies,
        List<Expr> changedWhen,
        List<Expr> failedWhen,
        boolean ignoreErrors,
        List<String> tags,
        Boolean checkMode,
        List<Expr> until,
        int retries,
        double delay,
        Map<String, Object> vars,
        BecomeSpec become,
        List<String> listen,
        String label,
        Duration timeout,
        boolean noLog,
        Expr ignoreErrorsIf) {

    public TaskOptions {
        when = List.copyOf(when);
        notifies = List.copyOf(notifies);
        changedWhen = changedWhen == null ? null : List.copyOf(changedWhen);
        failedWhen = failedWhen == null ? null : List.copyOf(failedWhen);
        tags = List.copyOf(tags);
        until = until == null ? null : List.copyOf(until);
        vars = OrderedMaps.frozen(vars);
        listen = List.copyOf(listen);
    }

    /** No keyword written: what a task without options gets. */
    public static TaskOptions none() {
        return builder().build();
    }

    /**
     * Options built by name from {@link #none()}'s ({@code
     * TaskOptions.builder().tags(List.of("always")).build()}), not by twenty positional values.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Sets the options a loader derives (role and fact-gathering tasks); the rest stay none's. */
    public static final class Builder {
        private List<Expr> when = List.of();
        private List<String> tags = List.of();
        private BecomeSpec become = BecomeSpec.INHERIT;
        private boolean noLog;

        private Builder() {}

        public Builder when(List<Expr> conditions) {
            this.when = conditions;
            return this;
        }

        public Builder tags(List<String> names) {
            this.tags = names;
            return this;
        }

        public Builder become(BecomeSpec spec) {
            this.become = spec;
            return this;
        }

        public Builder noLog(boolean censored) {
            this.noLog = censored;
            return this;
        }

        public TaskOptions build() {
            return new TaskOptions(
                    when, null, "item", null, List.of(), null, null, false, tags, null, null, 3, 5,
                    Map.of(), become, List.of(), null, null, noLog, null);
        }
    }
}
