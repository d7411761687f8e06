package io.ringmaster.modules.util;

import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.module.api.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test-only expressions: conditions and references answer from fixed maps; anything else is
 * "undefined" and throws, as the engine's strict Velocity does.
 */
public final class FakeExpressions implements Expressions {

    private final Map<String, Boolean> conditions;
    private final Map<String, Object> values;
    private final List<String> tested = new ArrayList<>();

    public FakeExpressions(Map<String, Boolean> conditions, Map<String, Object> values) {
        this.conditions = conditions;
        this.values = values;
    }

    public List<String> tested() {
        return List.copyOf(tested);
    }

    @Override
    public boolean test(String condition) throws ExpressionException {
        tested.add(condition);
        Boolean b = conditions.get(condition);
        if (b == null) {
            throw new ExpressionException("undefined variable in '" + condition + "'");
        }
        return b;
    }

    @Override
    public Object value(String reference) throws ExpressionException {
        if (!values.containsKey(reference)) {
            throw new ExpressionException("'" + reference + "' is undefined");
        }
        return values.get(reference);
    }

    @Override
    public String renderTemplate(String src, Map<String, Object> extraVars) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String renderText(String name, String text, Map<String, Object> extraVars) {
        throw new UnsupportedOperationException();
    }
}
