package io.ringmaster.expr;

import java.lang.reflect.Method;
import org.apache.velocity.util.introspection.Introspector;
import org.apache.velocity.util.introspection.IntrospectorCache;
import org.apache.velocity.util.introspection.TypeConversionHandler;
import org.slf4j.Logger;

/**
 * Velocity's introspector, with each class's method map built by one thread. Velocity 2.4 builds a
 * class's map (every public method, looked up by reflection) outside its cache's lock, so when all
 * forks render their first template at the same moment each of them builds the same maps for
 * String, the maps and lists of the variables and so on: ~100 ms of a 50-host run's CPU, before a
 * single map is in the cache. Here the first thread to miss builds it and the others wait for it; a
 * class already cached costs one more lookup in Velocity's concurrent map than before (this check,
 * then Velocity's own in {@code super.getMethod}).
 */
class SharedIntrospector extends Introspector {
    private final Object building = new Object();

    SharedIntrospector(Logger log, TypeConversionHandler conversionHandler) {
        super(log, conversionHandler);
    }

    @Override
    public Method getMethod(Class<?> c, String name, Object[] params) {
        if (c != null) {
            IntrospectorCache cache = getIntrospectorCache();
            if (cache.get(c) == null) {
                synchronized (building) {
                    if (cache.get(c) == null) {
                        build(cache, c);
                    }
                }
            }
        }
        return super.getMethod(c, name, params);
    }

    /** Builds and caches the method map of {@code c} (one thread at a time). */
    void build(IntrospectorCache cache, Class<?> c) {
        cache.put(c);
    }
}
