package io.ringmaster.inventory;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML inventory like Ansible's {@code yaml} inventory plugin: top-level keys are groups
 * (usually just {@code all}), each a mapping of {@code hosts}, {@code vars} and {@code children};
 * host keys may be ranges and may have no value. A section given as a single string names one
 * entry. Like Ansible, an unknown key in a group or a group that is not a mapping is skipped with a
 * warning, not refused.
 */
final class YamlInventoryParser {
    private static final List<String> SECTIONS = List.of("vars", "children", "hosts");

    private final Path file;
    private final InventoryBuilder inv;

    private YamlInventoryParser(Path file, InventoryBuilder inv) {
        this.file = file;
        this.inv = inv;
    }

    static void parse(Path file, String text, InventoryBuilder inv) {
        Node root = YamlNodes.compose(file, text);
        new YamlInventoryParser(file, inv).parse(root);
    }

    /**
     * True when {@code text} is YAML whose root maps names to mappings (or nothing): how an
     * extensionless file is told from INI. Stricter than Ansible, which would read {@code h1 a=b:
     * c} as a (skipped) YAML group.
     */
    static boolean looksLikeYamlInventory(Path file, String text) {
        try {
            return YamlNodes.compose(file, text) instanceof MappingNode map
                    && map.getValue().stream()
                            .allMatch(
                                    t ->
                                            t.getValueNode() instanceof MappingNode
                                                    || YamlNodes.isNull(t.getValueNode()));
        } catch (UserError e) {
            return false;
        }
    }

    private void parse(Node root) {
        if (YamlNodes.isNull(root)) {
            throw new UserError(
                    Position.of(file),
                    "the YAML inventory is empty",
                    "a YAML inventory starts with 'all:' and has hosts, vars and children below it");
        }
        if (!(root instanceof MappingNode map)) {
            throw new UserError(
                    YamlNodes.at(file, root),
                    "a YAML inventory must be a mapping of groups, not " + YamlNodes.kind(root),
                    "start it with 'all:'");
        }
        for (NodeTuple t : map.getValue()) {
            if (YamlNodes.text(t.getKeyNode()).equals("plugin")) {
                throw new UserError(
                        YamlNodes.at(file, t.getKeyNode()),
                        "this is an inventory plugin configuration, not a YAML inventory",
                        "inventory plugins are not supported; list the hosts in an INI or YAML inventory");
            }
        }
        for (NodeTuple t : map.getValue()) {
            group(YamlNodes.text(t.getKeyNode()), t.getKeyNode(), t.getValueNode());
        }
    }

    private void group(String name, Node keyNode, Node body) {
        if (!YamlNodes.isNull(body) && !(body instanceof MappingNode)) {
            inv.warn(
                    YamlNodes.at(file, keyNode)
                            + ": skipping '"
                            + name
                            + "': a group is a mapping, not "
                            + YamlNodes.kind(body));
            return;
        }
        inv.addGroup(name);
        if (!(body instanceof MappingNode map)) {
            return;
        }
        for (NodeTuple t : map.getValue()) {
            String key = YamlNodes.text(t.getKeyNode());
            Node value = t.getValueNode();
            if (!SECTIONS.contains(key)) {
                inv.warn(
                        YamlNodes.at(file, t.getKeyNode())
                                + ": skipping key '"
                                + key
                                + "' in group '"
                                + name
                                + "': only vars, children and hosts are valid"
                                + Suggestions.suffix(key, SECTIONS));
                continue;
            }
            if (YamlNodes.isNull(value)) {
                continue;
            }
            if (value instanceof ScalarNode s && !YamlNodes.isNull(s)) {
                section(name, key, List.of(s.getValue()), t.getValueNode());
                continue;
            }
            if (!(value instanceof MappingNode entries)) {
                throw new UserError(
                        YamlNodes.at(file, value),
                        "'"
                                + key
                                + "' of group '"
                                + name
                                + "' must be a mapping, not "
                                + YamlNodes.kind(value),
                        "write '"
                                + key
                                + ":' then one indented 'name:' per line"
                                + (key.equals("vars") ? " with its value" : ""));
            }
            for (NodeTuple e : entries.getValue()) {
                entry(name, key, e.getKeyNode(), e.getValueNode());
            }
        }
    }

    /** A section given as a single string: one host or child group with nothing below it. */
    private void section(String group, String key, List<String> names, Node at) {
        for (String n : names) {
            ScalarNode k = new ScalarNode(Tag.STR, n, at.getStartMark(), at.getEndMark(), null);
            ScalarNode nothing =
                    new ScalarNode(Tag.NULL, "", at.getStartMark(), at.getEndMark(), null);
            entry(group, key, k, nothing);
        }
    }

    private void entry(String group, String section, Node keyNode, Node value) {
        String key = YamlNodes.text(keyNode);
        switch (section) {
            case "vars" -> {
                ConnectionVars.check(key, YamlNodes.value(value), YamlNodes.at(file, keyNode));
                inv.setGroupVar(group, key, YamlNodes.value(value));
            }
            case "children" -> {
                group(key, keyNode, value);
                if (inv.hasGroup(key)) {
                    inv.addChild(group, key, YamlNodes.at(file, keyNode));
                }
            }
            default -> host(group, keyNode, value);
        }
    }

    private void host(String group, Node keyNode, Node value) {
        if (!YamlNodes.isNull(value) && !(value instanceof MappingNode)) {
            throw new UserError(
                    YamlNodes.at(file, value),
                    "host '"
                            + YamlNodes.text(keyNode)
                            + "' must have a mapping of variables or nothing, not "
                            + YamlNodes.kind(value),
                    "write 'name:' alone, or 'name:' then indented 'variable: value' lines");
        }
        HostAddress address = HostAddress.parse(YamlNodes.text(keyNode));
        List<String> names = HostRange.expand(address.pattern(), YamlNodes.at(file, keyNode));
        Object vars = YamlNodes.isNull(value) ? null : YamlNodes.value(value);
        if (vars instanceof Map<?, ?> m) {
            ConnectionVars.checkAll(m, YamlNodes.at(file, value));
        }
        for (String name : names) {
            inv.addHost(name, group);
            if (address.port() != null) {
                inv.setHostVar(name, "ansible_port", address.port());
            }
            if (vars instanceof Map<?, ?> m) {
                m.forEach((k, v) -> inv.setHostVar(name, String.valueOf(k), v));
            }
        }
    }
}
