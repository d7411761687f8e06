package io.ringmaster.expr;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.UberspectImpl;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;

/**
 * Velocity's introspection limited to data: an expression may call methods and read properties only
 * on strings, numbers, booleans, characters, lists, sets, maps and their entries (and arrays of
 * those), and never {@code getClass}, {@code wait} or {@code notify}. So a value given with {@code
 * -e} or in an inventory cannot reach {@code Class.forName}, {@code Runtime}, {@code
 * ProcessBuilder}, {@code Files}, {@code Thread}, class loaders or {@code System}: every such path
 * starts at a {@code Class} or a static, and neither is reachable from data.
 */
public final class SafeUberspector extends UberspectImpl {
    private static final Set<String> FORBIDDEN_METHODS =
            Set.of(
                    "getClass",
                    "wait",
                    "notify",
                    "notifyAll",
                    "class",
                    "getDeclaringClass",
                    "describeConstable",
                    "resolveConstantDesc");
    private static final Class<?>[] DATA_TYPES = {
        CharSequence.class,
        Number.class,
        Boolean.class,
        Character.class,
        Map.class,
        Collection.class,
        Map.Entry.class,
        Iterator.class
    };

    @Override
    public void init() {
        super.init();
        introspector = new SharedIntrospector(log, conversionHandler);
    }

    @Override
    public VelMethod getMethod(Object obj, String methodName, Object[] args, Info i) {
        check(obj, methodName, i);
        VelMethod method = super.getMethod(obj, methodName, args, i);
        return method == null ? null : new Bounded(method);
    }

    /** A method call whose result is sized, so strings cannot grow past the rendering's bound. */
    private record Bounded(VelMethod method) implements VelMethod {
        @Override
        public Object invoke(Object o, Object[] params)
                throws IllegalAccessException, java.lang.reflect.InvocationTargetException {
            RenderBudget.checkRepeat(o, method.getMethodName(), params);
            Object result = method.invoke(o, params);
            RenderBudget.checkSize(result);
            return result;
        }

        @Override
        public boolean isCacheable() {
            return method.isCacheable();
        }

        @Override
        public String getMethodName() {
            return method.getMethodName();
        }

        @Override
        public java.lang.reflect.Method getMethod() {
            return method.getMethod();
        }

        @Override
        public Class<?> getReturnType() {
            return method.getReturnType();
        }
    }

    @Override
    public VelPropertyGet getPropertyGet(Object obj, String identifier, Info i) {
        if (!(obj instanceof Map)) {
            check(obj, identifier, i);
        }
        VelPropertyGet get = super.getPropertyGet(obj, identifier, i);
        if (get != null
                && get.getMethodName() != null
                && FORBIDDEN_METHODS.contains(get.getMethodName())) {
            throw new ForbiddenAccess(message(obj, get.getMethodName(), i));
        }
        return get;
    }

    @Override
    public VelPropertySet getPropertySet(Object obj, String identifier, Object arg, Info i) {
        check(obj, identifier, i);
        return super.getPropertySet(obj, identifier, arg, i);
    }

    private static void check(Object obj, String name, Info i) {
        if (obj != null && (FORBIDDEN_METHODS.contains(name) || !isData(obj.getClass()))) {
            throw new ForbiddenAccess(message(obj, name, i));
        }
    }

    static boolean isData(Class<?> type) {
        if (type.isArray()) {
            return type.getComponentType().isPrimitive() || isData(type.getComponentType());
        }
        for (Class<?> allowed : DATA_TYPES) {
            if (allowed.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    private static String message(Object obj, String name, Info i) {
        String where = i == null ? "" : " (line " + i.getLine() + ", column " + i.getColumn() + ")";
        return "expressions may not use '"
                + name
                + "' on a "
                + kind(obj)
                + where
                + ": expressions reach only data (strings, numbers, booleans, lists and maps), never Java classes,"
                + " files, processes or the system"
                + "\n  hint: use the value's own methods, e.g. $name.startsWith('db'), $list.size(), $map.get('k')";
    }

    private static String kind(Object obj) {
        return isData(obj.getClass())
                ? obj.getClass().getSimpleName()
                : "value of type " + obj.getClass().getName();
    }

    /** An expression reached for something that is not data; never caught by Velocity. */
    public static final class ForbiddenAccess extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForbiddenAccess(String message) {
            super(message);
        }
    }
}
