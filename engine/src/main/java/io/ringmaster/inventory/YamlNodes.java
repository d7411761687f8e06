package io.ringmaster.inventory;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Safe YAML reading that keeps node marks, so errors carry file:line:column. */
final class YamlNodes {
    private YamlNodes() {}

    /** The single document's root node, or null for an empty document. */
    static Node compose(Path file, String text) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(io.ringmaster.parse.TextFile.MAX_BYTES);
            return new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position at =
                    mark == null
                            ? Position.of(file)
                            : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new UserError(at, "invalid YAML: " + problem.strip(), null);
        } catch (YAMLException e) {
            throw new UserError(Position.of(file), "invalid YAML: " + e.getMessage(), null);
        }
    }

    /**
     * The plain Java value of a node, as SnakeYAML's safe constructor builds it (YAML 1.1, like
     * PyYAML), except that integers are Long, as INI values are, so one integer type reaches the
     * rest of the engine.
     */
    static Object value(Node node) {
        return longs(new Values().of(node));
    }

    private static Object longs(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(longs(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, longs(v)));
            return out;
        }
        return value;
    }

    static Position at(Path file, Node node) {
        Mark m = node.getStartMark();
        return m == null
                ? Position.of(file)
                : new Position(file, m.getLine() + 1, m.getColumn() + 1);
    }

    static boolean isNull(Node node) {
        return node == null || node.getTag().equals(Tag.NULL);
    }

    /** A scalar's text (keys), or the node's YAML kind for anything else. */
    static String text(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : kind(node);
    }

    /** What a node is, for messages: "a mapping", "a list", "a string", ... */
    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "nothing";
        }
        return node.getTag().equals(Tag.STR)
                ? "a string"
                : "a " + node.getTag().getValue().replace("tag:yaml.org,2002:", "");
    }

    /** Exposes the safe constructor's node-to-object conversion. */
    private static final class Values extends SafeConstructor {
        Values() {
            super(new LoaderOptions());
        }

        Object of(Node node) {
            return constructDocument(node);
        }
    }
}
