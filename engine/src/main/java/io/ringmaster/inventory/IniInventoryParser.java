package io.ringmaster.inventory;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an INI inventory like Ansible's {@code ini} inventory plugin: {@code [group]}, {@code
 * [group:vars]} and {@code [group:children]} sections, {@code #} and {@code ;} comment lines, host
 * lines {@code name[:port] key=value ...} split like a shell line (a {@code #} outside quotes
 * starts a comment), hosts before any section in {@code ungrouped}, and values typed by {@link
 * IniLiteral}. As in Ansible, a {@code :vars} section or a child group must name a group defined
 * somewhere in the file (before or after) or in an earlier source.
 */
final class IniInventoryParser {
    private static final Pattern SECTION =
            Pattern.compile("\\[([^:\\]\\s]+)(?::(\\w+))?]\\s*(?:#.*)?");
    private static final Pattern GROUP_NAME = Pattern.compile("([^:\\]\\s]+)\\s*(?:#.*)?");
    private static final List<String> KINDS = List.of("hosts", "children", "vars");

    /**
     * A reference to a group not defined yet: a {@code [g:vars]} section, or a child of some
     * parents.
     */
    private record Pending(String kind, Position at, List<String> parents) {}

    private final Path file;
    private final InventoryBuilder inv;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private String group = InventoryBuilder.UNGROUPED;
    private String kind = "hosts";

    private IniInventoryParser(Path file, InventoryBuilder inv) {
        this.file = file;
        this.inv = inv;
    }

    static void parse(Path file, String text, InventoryBuilder inv) {
        new IniInventoryParser(file, inv).parse(text);
    }

    private void parse(String text) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            Position at = new Position(file, i + 1, raw.indexOf(line.charAt(0)) + 1);
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                section(section.group(1), section.group(2), at, raw);
            } else if (line.startsWith("[") && line.endsWith("]")) {
                throw new UserError(
                        at,
                        "invalid section header '" + line + "'",
                        "a section is [group], [group:vars] or [group:children], with no spaces in the name");
            } else if (kind.equals("vars")) {
                variable(line, at);
            } else if (kind.equals("children")) {
                child(line, at);
            } else {
                hostLine(line, at);
            }
        }
        reportPending();
    }

    private void section(String name, String given, Position at, String raw) {
        String k = given == null ? "hosts" : given;
        if (!KINDS.contains(k)) {
            Position kindAt = new Position(file, at.line(), raw.indexOf(":" + k + "]") + 2);
            throw new UserError(
                    kindAt,
                    "section ["
                            + name
                            + ":"
                            + k
                            + "] has unknown type '"
                            + k
                            + "'"
                            + DidYouMean.suffix(k, KINDS),
                    "a section is [group], [group:vars] or [group:children]");
        }
        if (!inv.hasGroup(name)) {
            if (k.equals("vars") && !pending.containsKey(name)) {
                pending.put(name, new Pending("vars", at, List.of()));
            }
            inv.addGroup(name);
        }
        Pending waiting = pending.get(name);
        if (waiting != null && !k.equals("vars")) {
            pending.remove(name);
            for (String parent : waiting.parents()) {
                inv.addChild(parent, name, waiting.at());
            }
        }
        group = name;
        kind = k;
    }

    private void variable(String line, Position at) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new UserError(
                    at,
                    "expected key=value in [" + group + ":vars], got '" + line + "'",
                    "each line of a :vars section is name=value");
        }
        Object value = IniLiteral.parse(line.substring(eq + 1).strip());
        ConnectionVars.check(line.substring(0, eq).strip(), value, at);
        inv.setGroupVar(group, line.substring(0, eq).strip(), value);
    }

    private void child(String line, Position at) {
        Matcher m = GROUP_NAME.matcher(line);
        if (!m.matches()) {
            throw new UserError(
                    at,
                    "expected a group name in [" + group + ":children], got '" + line + "'",
                    "each line of a :children section names one group");
        }
        String name = m.group(1);
        if (inv.hasGroup(name)) {
            inv.addChild(group, name, at);
        } else {
            pending.computeIfAbsent(name, n -> new Pending("children", at, new ArrayList<>()))
                    .parents()
                    .add(group);
        }
    }

    private void hostLine(String line, Position at) {
        List<String> words;
        try {
            words = io.ringmaster.module.api.Shell.split(line, true);
        } catch (IllegalArgumentException e) {
            throw new UserError(
                    at,
                    "cannot parse host line '" + line + "': a quotation is not closed",
                    "add the missing closing quote");
        }
        if (words.isEmpty()) {
            return;
        }
        HostAddress address = HostAddress.parse(words.get(0));
        List<String> names = HostRange.expand(address.pattern(), at);
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String word : words.subList(1, words.size())) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new UserError(
                        at,
                        "expected key=value host variable, got '" + word + "'",
                        "a host line is: name key=value ...; quote a value with spaces: key=\"a b\"");
            }
            vars.put(word.substring(0, eq), IniLiteral.parse(word.substring(eq + 1)));
            ConnectionVars.check(word.substring(0, eq), vars.get(word.substring(0, eq)), at);
        }
        for (String name : names) {
            inv.addHost(name, group);
            if (address.port() != null) {
                inv.setHostVar(name, "ansible_port", address.port());
            }
            vars.forEach((k, v) -> inv.setHostVar(name, k, v));
        }
    }

    private void reportPending() {
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            String name = e.getKey();
            Pending p = e.getValue();
            List<String> known =
                    inv.groupNames().stream().filter(g -> !pending.containsKey(g)).toList();
            if (p.kind().equals("vars")) {
                throw new UserError(
                        p.at(),
                        "section ["
                                + name
                                + ":vars] is for undefined group '"
                                + name
                                + "'"
                                + DidYouMean.suffix(name, known),
                        "define the group with a [" + name + "] section");
            }
            throw new UserError(
                    p.at(),
                    "section ["
                            + p.parents().get(0)
                            + ":children] includes undefined group '"
                            + name
                            + "'"
                            + DidYouMean.suffix(name, known),
                    "define the group with a [" + name + "] section (it may be empty)");
        }
    }
}
