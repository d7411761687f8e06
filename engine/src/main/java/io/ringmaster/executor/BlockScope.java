package io.ringmaster.executor;

import io.ringmaster.playbook.BecomeSpec;
import io.ringmaster.playbook.Expr;
import io.ringmaster.playbook.TaskOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What enclosing blocks hand down to the tasks inside them: conditions, vars, become,
 * ignore_errors, check_mode, and whether a rescue will handle a failure.
 */
record BlockScope(
        List<Expr> when,
        List<Map<String, Object>> vars,
        BecomeSpec become,
        boolean ignoreErrors,
        Boolean checkMode,
        boolean rescued) {

    static BlockScope of(BecomeSpec playBecome) {
        return new BlockScope(List.of(), List.of(), playBecome, false, null, false);
    }

    /**
     * Inside a block that has a rescue: a failure here is handled, so any_errors_fatal does not
     * apply.
     */
    BlockScope rescuedBy(boolean hasRescue) {
        return new BlockScope(when, vars, become, ignoreErrors, checkMode, rescued || hasRescue);
    }

    BlockScope enter(TaskOptions block) {
        List<Expr> w = new ArrayList<>(when);
        w.addAll(block.when());
        List<Map<String, Object>> v = new ArrayList<>(vars);
        v.add(block.vars());
        return new BlockScope(
                List.copyOf(w),
                List.copyOf(v),
                block.become().over(become),
                ignoreErrors || block.ignoreErrors(),
                block.checkMode() != null ? block.checkMode() : checkMode,
                rescued);
    }
}
