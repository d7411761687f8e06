package io.ringmaster.parse;

import io.ringmaster.error.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A YAML map in the order it was written. Keys are scalars (their text is the key name) and are
 * unique ({@link YamlReader} rejects duplicates).
 */
public record YMap(List<Entry> entries, Position position) implements YNode {

    /** One {@code key: value} pair. */
    public record Entry(YScalar key, YNode value) {
        public String name() {
            return key.text();
        }
    }

    public YMap {
        entries = List.copyOf(entries);
    }

    /** The entry for {@code name}, if written. */
    public Optional<Entry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The value for {@code name}, if written. */
    public Optional<YNode> get(String name) {
        return entry(name).map(Entry::value);
    }

    public boolean has(String name) {
        return entry(name).isPresent();
    }

    /** The key names in order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        entries.forEach(e -> keys.add(e.name()));
        return keys;
    }

    @Override
    public String describe() {
        return "a map";
    }
}
