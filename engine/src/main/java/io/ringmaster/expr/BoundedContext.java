package io.ringmaster.expr;

import org.apache.velocity.VelocityContext;
import org.apache.velocity.context.Context;

/**
 * The context of one rendering: every value put in it (#set, each #foreach step) is counted and
 * sized.
 */
final class BoundedContext extends VelocityContext {
    private final transient RenderBudget budget;

    BoundedContext(Context inner, RenderBudget budget) {
        super(new java.util.HashMap<>(), inner);
        this.budget = budget;
    }

    @Override
    public Object internalPut(String key, Object value) {
        budget.step(value);
        return super.internalPut(key, value);
    }
}
