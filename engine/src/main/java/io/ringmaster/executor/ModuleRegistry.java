package io.ringmaster.executor;

import io.ringmaster.module.api.Module;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The modules of this run, found once through {@link ServiceLoader} (or given, in tests). */
public final class ModuleRegistry {
    private final Map<String, Module> byName;

    public ModuleRegistry(Collection<? extends Module> modules) {
        Map<String, Module> map = new TreeMap<>();
        for (Module m : modules) {
            Module previous = map.putIfAbsent(m.name(), m);
            if (previous != null) {
                throw new IllegalStateException(
                        "two modules named "
                                + m.name()
                                + ": "
                                + previous.getClass().getName()
                                + " and "
                                + m.getClass().getName());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    public static ModuleRegistry discover() {
        return new ModuleRegistry(
                ServiceLoader.load(Module.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .toList());
    }

    public Optional<Module> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public Collection<Module> all() {
        return byName.values();
    }
}
