package io.ringmaster.parse;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML file into a {@link YNode} tree that remembers where each node was written. Safe
 * loading only (SnakeYAML's {@link SafeConstructor}, default alias limits against "billion
 * laughs"); duplicate keys, unknown tags and syntax errors become {@link UserError}s at the
 * offending position.
 */
public final class YamlReader {

    private final Path file;
    private final LoaderOptions options;
    private final ScalarConverter converter;
    private final Set<Node> building = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlReader(Path file) {
        this.file = file;
        this.options = new LoaderOptions();
        options.setProcessComments(false);
        options.setCodePointLimit(TextFile.MAX_BYTES);
        this.converter = new ScalarConverter(options);
    }

    /** Reads {@code file}; an empty file (nothing but comments) is an error. */
    public static YNode read(Path file) {
        return readOptional(file)
                .orElseThrow(
                        () ->
                                new UserError(
                                        Position.of(file),
                                        "the file is empty",
                                        "write the YAML content, for a playbook a list of plays such as '- hosts: all'"));
    }

    /** Reads {@code file}; empty when it holds no YAML document (empty or only comments). */
    public static Optional<YNode> readOptional(Path file) {
        return new YamlReader(file).parse(readText(file));
    }

    /** Parses YAML text as if read from {@code file} (which is only used for positions). */
    public static Optional<YNode> parse(String text, Path file) {
        return new YamlReader(file).parse(text);
    }

    /**
     * Plain Java values: LinkedHashMap (String keys, in order), ArrayList, String, Long, Double,
     * Boolean, null.
     */
    public static Object toPlain(YNode node) {
        if (node instanceof YScalar s) {
            return s.value();
        }
        if (node instanceof YSeq seq) {
            List<Object> list = new ArrayList<>();
            seq.items().forEach(item -> list.add(toPlain(item)));
            return list;
        }
        YMap map = (YMap) node;
        Map<String, Object> result = new LinkedHashMap<>();
        map.entries().forEach(e -> result.put(e.name(), toPlain(e.value())));
        return result;
    }

    private static String readText(Path file) {
        return TextFile.read(file);
    }

    private Optional<YNode> parse(String text) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        } catch (YAMLException e) {
            throw new UserError(
                    Position.of(file),
                    "YAML error: " + oneLine(e.getMessage()),
                    "simplify the YAML (anchors and aliases are limited to guard against alias bombs)");
        }
        if (root == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(build(root));
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        } catch (YAMLException e) {
            throw new UserError(
                    Position.of(file), "YAML error: " + oneLine(e.getMessage()), "check the YAML");
        }
    }

    private YNode build(Node node) {
        if (!building.add(node)) {
            throw new UserError(
                    at(node.getStartMark()),
                    "a YAML alias refers to the map or list that contains it",
                    "remove the recursive alias");
        }
        try {
            if (node instanceof ScalarNode s) {
                return new YScalar(s.getValue(), converter.convert(s), at(s.getStartMark()));
            }
            if (node instanceof SequenceNode seq) {
                checkTag(node, Tag.SEQ);
                List<YNode> items = new ArrayList<>();
                seq.getValue().forEach(item -> items.add(build(item)));
                return new YSeq(items, at(node.getStartMark()));
            }
            checkTag(node, Tag.MAP);
            return buildMap((MappingNode) node);
        } finally {
            building.remove(node);
        }
    }

    private YMap buildMap(MappingNode node) {
        Map<String, YMap.Entry> explicit = new LinkedHashMap<>();
        List<YMap.Entry> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                merged.addAll(mergedEntries(tuple.getValueNode()));
                continue;
            }
            if (!(keyNode instanceof ScalarNode)) {
                throw new UserError(
                        at(keyNode.getStartMark()),
                        "a map key must be a name, not " + kind(keyNode),
                        "write keys as plain names such as 'name:'");
            }
            YScalar key = (YScalar) build(keyNode);
            YMap.Entry previous = explicit.get(key.text());
            if (previous != null) {
                Position first = previous.key().position();
                throw new UserError(
                        key.position(),
                        "duplicate key '"
                                + key.text()
                                + "' (also written at line "
                                + first.line()
                                + ", column "
                                + first.column()
                                + ")",
                        "remove one of them; a YAML map holds each key once");
            }
            explicit.put(key.text(), new YMap.Entry(key, build(tuple.getValueNode())));
        }
        List<YMap.Entry> entries = new ArrayList<>(explicit.values());
        Set<String> seen = new java.util.HashSet<>(explicit.keySet());
        for (YMap.Entry e : merged) {
            if (seen.add(e.name())) {
                entries.add(e);
            }
        }
        return new YMap(entries, at(node.getStartMark()));
    }

    private List<YMap.Entry> mergedEntries(Node value) {
        if (value instanceof SequenceNode seq) {
            List<YMap.Entry> all = new ArrayList<>();
            seq.getValue().forEach(n -> all.addAll(mergedEntries(n)));
            return all;
        }
        if (build(value) instanceof YMap map) {
            return map.entries();
        }
        throw new UserError(
                at(value.getStartMark()),
                "a merge key '<<' needs a map or a list of maps",
                "write '<<: *anchor' with an anchor on a map");
    }

    private void checkTag(Node node, Tag expected) {
        if (!node.getTag().equals(expected)) {
            throw new UserError(
                    at(node.getStartMark()),
                    "unsupported YAML tag '" + node.getTag().getValue() + "'",
                    "remove the tag; Ringmaster reads plain YAML maps, lists and scalars");
        }
    }

    private static String kind(Node node) {
        return node instanceof SequenceNode
                ? "a list"
                : node instanceof MappingNode ? "a map" : "a scalar";
    }

    private Position at(Mark mark) {
        return mark == null
                ? Position.of(file)
                : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private UserError syntaxError(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = oneLine(e.getProblem() != null ? e.getProblem() : e.getMessage());
        if (problem.contains("(TAB)")) {
            return new UserError(
                    at(mark),
                    "YAML syntax error: a tab character cannot indent YAML",
                    "indent with spaces only");
        }
        StringBuilder what = new StringBuilder();
        if (problem.startsWith("could not determine a constructor for the tag")) {
            String tag =
                    problem.substring("could not determine a constructor for the tag".length())
                            .trim();
            return new UserError(
                    at(mark),
                    "unsupported YAML tag '" + tag + "'",
                    "remove the tag (Ansible Vault and custom tags are not supported); quote the value if it is text");
        }
        what.append("YAML syntax error: ").append(problem);
        Mark context = e.getContextMark();
        if (e.getContext() != null
                && context != null
                && mark != null
                && context.getLine() != mark.getLine()) {
            what.append(" (")
                    .append(oneLine(e.getContext()))
                    .append(" at line ")
                    .append(context.getLine() + 1)
                    .append(", column ")
                    .append(context.getColumn() + 1)
                    .append(')');
        }
        return new UserError(at(mark), what.toString(), syntaxHint(problem));
    }

    private static String syntaxHint(String problem) {
        if (problem.startsWith("mapping values are not allowed")) {
            return "quote a value that contains ': ', or fix the indentation of this key";
        }
        if (problem.startsWith("could not find expected ':'")) {
            return "write 'key: value' with a space after the colon, check the indentation and close any quote";
        }
        if (problem.contains("end of stream") || problem.contains("expected ','")) {
            return "a quote or bracket is not closed";
        }
        if (problem.startsWith("expected a single document")) {
            return "a file holds one YAML document; remove the extra '---'";
        }
        if (problem.startsWith("found undefined alias")) {
            return "define the anchor ('&name') before using the alias ('*name')";
        }
        if (problem.contains("cannot start any token")) {
            return "quote the value; a plain YAML value cannot start with this character";
        }
        return "check the indentation (spaces, items of one list or map in the same column) and quote values "
                + "containing ': ' or starting with '{', '[', '*', '&', '!', '%', '@' or '`'";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
