package io.ringmaster.vars;

import io.ringmaster.expr.Templar;
import io.ringmaster.module.api.ExpressionException;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A host's variables as expressions see them: a variable whose value holds an expression ({@code
 * disk: "/var/lib/${vm}.img"}) is rendered when first read, against the same variables, as Ansible
 * does. A variable that refers to itself is an error. Read-only; one instance per host and task.
 */
public final class LazyVars extends AbstractMap<String, Object> {
    private final Map<String, Object> raw;
    private final Templar templar;
    private final Map<String, Object> rendered = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final Set<String> data;

    public LazyVars(Map<String, Object> raw, Templar templar) {
        this(raw, Set.of(), templar);
    }

    /** {@code data} names variables taken as they are, never rendered (results, facts). */
    public LazyVars(Map<String, Object> raw, Set<String> data, Templar templar) {
        this.raw = raw;
        this.data = data;
        this.templar = templar;
    }

    @Override
    public boolean containsKey(Object key) {
        return raw.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String k) || !raw.containsKey(k)) {
            return null;
        }
        Object value = raw.get(k);
        if (data.contains(k) || !Templar.holdsExpression(value)) {
            return value;
        }
        synchronized (this) {
            if (rendered.containsKey(k)) {
                return rendered.get(k);
            }
            if (!inProgress.add(k)) {
                throw new IllegalStateException("variable " + k + " refers to itself");
            }
            try {
                Object v = templar.render(value, this, null);
                rendered.put(k, v);
                return v;
            } catch (ExpressionException e) {
                throw new VariableRenderingException(k, e.getMessage());
            } finally {
                inProgress.remove(k);
            }
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String k : raw.keySet()) {
            all.put(k, get(k));
        }
        return all.entrySet();
    }

    /** A variable's own value could not be rendered. */
    public static final class VariableRenderingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public VariableRenderingException(String variable, String message) {
            super("in the value of variable '" + variable + "': " + message);
        }
    }
}
