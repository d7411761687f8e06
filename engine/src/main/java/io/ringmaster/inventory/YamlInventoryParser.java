package io.ringmaster.inventory;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import io.ringmaster.parse.Nodes;
import io.ringmaster.parse.YMap;
import io.ringmaster.parse.YNode;
import io.ringmaster.parse.YScalar;
import io.ringmaster.parse.YamlReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        new YamlInventoryParser(file, inv).parse(YamlReader.parse(text, file));
    }

    /**
     * True when {@code text} is YAML whose root maps names to mappings (or nothing): how an
     * extensionless file is told from INI. Stricter than Ansible, which would read {@code h1 a=b:
     * c} as a (skipped) YAML group.
     */
    static boolean looksLikeYamlInventory(Path file, String text) {
        try {
            return YamlReader.parse(text, file).orElse(null) instanceof YMap map
                    && map.entries().stream()
                            .allMatch(e -> e.value() instanceof YMap || Nodes.isNull(e.value()));
        } catch (UserError e) {
            return false;
        }
    }

    private void parse(Optional<YNode> document) {
        YNode root = document.orElse(null);
        if (root == null || Nodes.isNull(root)) {
            throw new UserError(
                    Position.of(file),
                    "the YAML inventory is empty",
                    "a YAML inventory starts with 'all:' and has hosts, vars and children below it");
        }
        if (!(root instanceof YMap map)) {
            throw new UserError(
                    root.position(),
                    "a YAML inventory must be a mapping of groups, not " + kind(root),
                    "start it with 'all:'");
        }
        for (YMap.Entry t : map.entries()) {
            if (t.name().equals("plugin")) {
                throw new UserError(
                        t.key().position(),
                        "this is an inventory plugin configuration, not a YAML inventory",
                        "inventory plugins are not supported; list the hosts in an INI or YAML inventory");
            }
        }
        for (YMap.Entry t : map.entries()) {
            group(t.name(), t.key(), t.value());
        }
    }

    private void group(String name, YScalar keyNode, YNode body) {
        if (!Nodes.isNull(body) && !(body instanceof YMap)) {
            inv.warn(
                    keyNode.position()
                            + ": skipping '"
                            + name
                            + "': a group is a mapping, not "
                            + kind(body));
            return;
        }
        inv.addGroup(name);
        if (!(body instanceof YMap map)) {
            return;
        }
        for (YMap.Entry t : map.entries()) {
            String key = t.name();
            YNode value = t.value();
            if (!SECTIONS.contains(key)) {
                inv.warn(
                        t.key().position()
                                + ": skipping key '"
                                + key
                                + "' in group '"
                                + name
                                + "': only vars, children and hosts are valid"
                                + DidYouMean.suffix(key, SECTIONS));
                continue;
            }
            if (Nodes.isNull(value)) {
                continue;
            }
            if (value instanceof YScalar s) {
                section(name, key, s);
                continue;
            }
            if (!(value instanceof YMap entries)) {
                throw new UserError(
                        value.position(),
                        "'"
                                + key
                                + "' of group '"
                                + name
                                + "' must be a mapping, not "
                                + kind(value),
                        "write '"
                                + key
                                + ":' then one indented 'name:' per line"
                                + (key.equals("vars") ? " with its value" : ""));
            }
            for (YMap.Entry e : entries.entries()) {
                entry(name, key, e.key(), e.value());
            }
        }
    }

    /** A section given as a single string: one host or child group with nothing below it. */
    private void section(String group, String key, YScalar name) {
        YScalar k = new YScalar(name.text(), name.text(), name.position());
        entry(group, key, k, new YScalar("", null, name.position()));
    }

    private void entry(String group, String section, YScalar keyNode, YNode value) {
        String key = keyNode.text();
        switch (section) {
            case "vars" -> {
                Object v = YamlReader.toPlain(value);
                ConnectionVars.check(key, v, keyNode.position());
                inv.setGroupVar(group, key, v);
            }
            case "children" -> {
                group(key, keyNode, value);
                if (inv.hasGroup(key)) {
                    inv.addChild(group, key, keyNode.position());
                }
            }
            default -> host(group, keyNode, value);
        }
    }

    private void host(String group, YScalar keyNode, YNode value) {
        if (!Nodes.isNull(value) && !(value instanceof YMap)) {
            throw new UserError(
                    value.position(),
                    "host '"
                            + keyNode.text()
                            + "' must have a mapping of variables or nothing, not "
                            + kind(value),
                    "write 'name:' alone, or 'name:' then indented 'variable: value' lines");
        }
        HostAddress address = HostAddress.parse(keyNode.text());
        List<String> names = HostRange.expand(address.pattern(), keyNode.position());
        Object vars = Nodes.isNull(value) ? null : YamlReader.toPlain(value);
        if (vars instanceof Map<?, ?> m) {
            ConnectionVars.checkAll(m, value.position());
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

    /** What a node is, for messages: "a mapping", "a list", "nothing", "a string", "a number". */
    static String kind(YNode node) {
        if (node instanceof YMap) {
            return "a mapping";
        }
        if (!(node instanceof YScalar s)) {
            return "a list";
        }
        if (s.isNull()) {
            return "nothing";
        }
        return s.value() instanceof String
                ? "a string"
                : s.value() instanceof Boolean ? "a bool" : "a number";
    }
}
