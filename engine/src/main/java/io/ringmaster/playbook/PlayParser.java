package io.ringmaster.playbook;

import io.ringmaster.error.UserError;
import io.ringmaster.parse.Nodes;
import io.ringmaster.parse.YMap;
import io.ringmaster.parse.YNode;
import io.ringmaster.parse.YScalar;
import io.ringmaster.parse.YSeq;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one play. Its tasks are pre_tasks, then the roles' tasks, then tasks, then post_tasks; its
 * handlers are the roles' handlers (in the order the roles were met) followed by its own.
 */
final class PlayParser {
    private static final Pattern COUNT = Pattern.compile("[0-9]+");
    private static final Pattern PERCENT = Pattern.compile("([0-9]+)%");

    private PlayParser() {}

    /**
     * @param file the file the play is written in (absolute, normalised)
     * @param rolesPath extra role directories (RINGMASTER_ROLES_PATH), searched after {@code
     *     roles/} beside it
     */
    static Play parse(YMap m, Path file, List<Path> rolesPath) {
        Nodes.checkKeys(m, "a play", Keywords.PLAY, Keywords.UNSUPPORTED_PLAY);
        YNode hostsNode =
                m.get("hosts")
                        .orElseThrow(
                                () ->
                                        new UserError(
                                                m.position(),
                                                "a play needs 'hosts'",
                                                "add 'hosts: all' or a group or host name from the inventory"));
        String hosts = String.join(":", Nodes.strings(hostsNode, "'hosts'"));
        if (hosts.isBlank()) {
            throw new UserError(
                    hostsNode.position(),
                    "'hosts' is empty",
                    "write 'all', a group or a host name");
        }
        m.get("strategy")
                .ifPresent(
                        s -> {
                            if (!"linear".equals(Nodes.string(s, "'strategy'"))) {
                                throw new UserError(
                                        s.position(),
                                        "strategy '"
                                                + Nodes.string(s, "'strategy'")
                                                + "' is not supported",
                                        "remove it; Ringmaster runs every play with the linear strategy");
                            }
                        });
        Path dir = file.getParent();
        List<String> varsFiles = varsFiles(m, dir);
        List<String> tags = m.get("tags").map(OptionsParser::tags).orElse(List.of());
        List<Path> search = new ArrayList<>();
        search.add(dir.resolve("roles"));
        search.addAll(rolesPath);
        PlayState state = new PlayState(file, search);
        TaskParser parser = new TaskParser(state);
        LoadScope scope =
                new LoadScope(
                        dir,
                        null,
                        tags,
                        m.get("no_log").map(n -> Nodes.bool(n, "'no_log'")).orElse(false));

        List<TaskNode> tasks = new ArrayList<>();
        m.get("pre_tasks").ifPresent(n -> tasks.addAll(parser.parseList(n, scope, "'pre_tasks'")));
        int afterPre = tasks.size();
        m.get("roles")
                .filter(n -> !Nodes.isNull(n))
                .ifPresent(
                        n -> {
                            for (YNode entry : Nodes.seq(n, "'roles'").items()) {
                                tasks.addAll(parser.roles().fromEntry(entry, scope, List.of()));
                            }
                        });
        m.get("tasks").ifPresent(n -> tasks.addAll(parser.parseList(n, scope, "'tasks'")));
        int afterTasks = tasks.size();
        m.get("post_tasks")
                .ifPresent(n -> tasks.addAll(parser.parseList(n, scope, "'post_tasks'")));
        // Ansible flushes handlers after pre_tasks and after roles+tasks; only where more tasks
        // follow (the end
        // of the play is the executor's flush), so a play without pre_tasks/post_tasks keeps its
        // task list.
        if (afterTasks > afterPre && tasks.size() > afterTasks) {
            tasks.add(afterTasks, new FlushHandlers(m.position()));
        }
        if (afterPre > 0 && tasks.size() > afterPre) {
            tasks.add(afterPre, new FlushHandlers(m.position()));
        }
        List<Task> handlers = new ArrayList<>();
        List<Task> own =
                m.get("handlers").map(n -> parser.parseHandlers(n, scope)).orElse(List.of());
        handlers.addAll(state.roleHandlers);
        handlers.addAll(own);
        NotifyCheck.check(tasks, handlers);

        return new Play(
                m.get("name").map(n -> Nodes.string(n, "the play's 'name'")).orElse(hosts),
                hosts,
                m.get("vars").map(n -> Nodes.plainMap(n, "the play's 'vars'")).orElse(Map.of()),
                varsFiles,
                m.get("gather_facts").map(n -> Nodes.bool(n, "'gather_facts'")).orElse(true),
                OptionsParser.become(m),
                m.get("serial").map(PlayParser::serial).orElse(List.of()),
                m.get("max_fail_percentage").map(PlayParser::maxFailPercentage).orElse(null),
                m.get("any_errors_fatal")
                        .map(n -> Nodes.bool(n, "'any_errors_fatal'"))
                        .orElse(false),
                tasks,
                handlers,
                tags,
                dir,
                m.position());
    }

    /** vars_files as written; a literal path must exist (relative to the play's directory). */
    private static List<String> varsFiles(YMap m, Path dir) {
        List<String> result = new ArrayList<>();
        YNode node = m.get("vars_files").orElse(null);
        if (node == null || Nodes.isNull(node)) {
            return result;
        }
        List<YNode> items = node instanceof YSeq seq ? seq.items() : List.of(node);
        for (YNode item : items) {
            String path = Nodes.string(item, "a vars_files entry");
            if (!path.contains("${") && !Files.isRegularFile(dir.resolve(path))) {
                throw new UserError(
                        item.position(),
                        "vars file '" + path + "' not found",
                        "looked for "
                                + TaskParser.displays(List.of(dir.resolve(path).normalize()))
                                + "; the path is relative to the playbook's directory");
            }
            result.add(path);
        }
        return result;
    }

    /** A batch size, a percentage, or a list of them. */
    private static List<Object> serial(YNode node) {
        List<Object> result = new ArrayList<>();
        List<YNode> items = node instanceof YSeq seq ? seq.items() : List.of(node);
        for (YNode item : items) {
            result.add(batch(item));
        }
        if (result.isEmpty()) {
            throw new UserError(
                    node.position(), "'serial' is an empty list", "remove it, or give batch sizes");
        }
        return result;
    }

    private static Object batch(YNode item) {
        if (item instanceof YScalar s) {
            Object v = s.value();
            if (v instanceof String text && COUNT.matcher(text.trim()).matches()) {
                v = Long.parseLong(text.trim());
            }
            if (v instanceof Long n && n > 0 && n <= Integer.MAX_VALUE) {
                return n.intValue();
            }
            if (v instanceof String text) {
                var pm = PERCENT.matcher(text.trim());
                if (pm.matches()
                        && Integer.parseInt(pm.group(1)) >= 1
                        && Integer.parseInt(pm.group(1)) <= 100) {
                    return text.trim();
                }
            }
        }
        throw new UserError(
                item.position(),
                "'serial' must be a number of hosts (1 or more) or a percentage "
                        + "from 1% to 100%, not "
                        + item.describe(),
                "write e.g. 'serial: 2', 'serial: 30%' or 'serial: [1, 5, 50%]'");
    }

    private static Integer maxFailPercentage(YNode node) {
        long v = Nodes.integer(node, "'max_fail_percentage'");
        if (v < 0 || v > 100) {
            throw new UserError(
                    node.position(),
                    "'max_fail_percentage' must be from 0 to 100, not " + v,
                    "write a percentage such as 30");
        }
        return (int) v;
    }
}
