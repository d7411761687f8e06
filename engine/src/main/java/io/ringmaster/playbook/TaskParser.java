package io.ringmaster.playbook;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import io.ringmaster.parse.Nodes;
import io.ringmaster.parse.YMap;
import io.ringmaster.parse.YNode;
import io.ringmaster.parse.YScalar;
import io.ringmaster.parse.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads tasks, blocks and handlers of one play. {@code import_tasks}/{@code include_tasks} and
 * {@code import_role}/{@code include_role} are expanded here, statically, at load time.
 */
final class TaskParser {
    private static final List<String> ALL_KEYWORDS =
            Stream.concat(Keywords.TASK.stream(), Keywords.BLOCK.stream()).distinct().toList();

    private final PlayState state;
    private final RoleLoader roles;

    TaskParser(PlayState state) {
        this.state = state;
        this.roles = new RoleLoader(this, state);
    }

    RoleLoader roles() {
        return roles;
    }

    /** A list of tasks: a play section, a block section or a task file. Null is an empty list. */
    List<TaskNode> parseList(YNode node, LoadScope scope, String what) {
        List<TaskNode> result = new ArrayList<>();
        if (Nodes.isNull(node)) {
            return result;
        }
        for (YNode item : Nodes.seq(node, what).items()) {
            result.addAll(parse(item, scope));
        }
        return result;
    }

    /** One entry of a task list: a task, a block, or the tasks an include expands to. */
    List<TaskNode> parse(YNode node, LoadScope scope) {
        YMap m = Nodes.map(node, "a task");
        if (m.has("block") || m.has("rescue") || m.has("always")) {
            return List.of(block(m, scope));
        }
        YMap.Entry moduleEntry = moduleEntry(m);
        String module = Keywords.shortName(moduleEntry.name());
        if (Keywords.INCLUDE_TASKS.contains(module)) {
            return includeTasks(m, moduleEntry, module, scope);
        }
        if (Keywords.INCLUDE_ROLE.contains(module)) {
            return includeRole(m, moduleEntry, module, scope);
        }
        return List.of(task(m, moduleEntry, module, scope, false));
    }

    /**
     * The handlers section of a play or a role: plain tasks, each with a name or a listen topic (or
     * both).
     */
    List<Task> parseHandlers(YNode node, LoadScope scope) {
        List<Task> result = new ArrayList<>();
        if (Nodes.isNull(node)) {
            return result;
        }
        for (YNode item : Nodes.seq(node, "'handlers'").items()) {
            YMap m = Nodes.map(item, "a handler");
            if (m.has("block") || m.has("rescue") || m.has("always")) {
                throw new UserError(
                        m.position(),
                        "a handler must be a single task, not a block",
                        "write the handler as one task; notify several handlers for several steps");
            }
            YMap.Entry moduleEntry = moduleEntry(m);
            String module = Keywords.shortName(moduleEntry.name());
            if (Keywords.INCLUDE_TASKS.contains(module) || Keywords.INCLUDE_ROLE.contains(module)) {
                throw new UserError(
                        moduleEntry.key().position(),
                        "a handler cannot use " + module,
                        "write the handler's task here; handlers are loaded at load time, one task each");
            }
            if (!m.has("name") && !m.has("listen")) {
                throw new UserError(
                        m.position(),
                        "a handler needs a name or a 'listen' topic",
                        "add 'name:' or 'listen:'; tasks notify handlers by name or by a topic they listen to");
            }
            result.add(task(m, moduleEntry, module, scope, true));
        }
        return result;
    }

    /** The handlers of a file (a role's handlers/main.yml); an empty file has none. */
    List<Task> readHandlerFile(Path file, LoadScope scope) {
        return YamlReader.readOptional(file)
                .map(root -> parseHandlers(root, scope))
                .orElse(List.of());
    }

    /**
     * The tasks of a file (an included file, a role's tasks/main.yml), read in a scope whose
     * directory is the file's own; {@code at} is where it was included, for a cycle error.
     */
    List<TaskNode> readTaskFile(Path file, Position at, LoadScope scope) {
        if (state.includeStack.contains(file)) {
            throw new UserError(
                    at,
                    "include cycle: " + Cycles.describe(state.includeStack, file),
                    "remove one of the includes");
        }
        state.includeStack.push(file);
        try {
            LoadScope inFile = scope.in(file.getParent(), scope.role());
            return YamlReader.readOptional(file)
                    .map(root -> parseList(root, inFile, "a task file"))
                    .orElse(List.of());
        } finally {
            state.includeStack.pop();
        }
    }

    private Task task(
            YMap m, YMap.Entry moduleEntry, String module, LoadScope scope, boolean handler) {
        Map<String, Object> args = new LinkedHashMap<>();
        Map<String, Position> argPositions = new LinkedHashMap<>();
        m.get("args").ifPresent(a -> addArgs(Nodes.map(a, "'args'"), args, argPositions));
        YNode value = moduleEntry.value();
        if (value instanceof YMap map) {
            addArgs(map, args, argPositions);
        } else if (value instanceof YScalar s && !s.isNull()) {
            args.put(Task.FREE_FORM, s.value() instanceof String text ? text : s.text());
            argPositions.put(Task.FREE_FORM, s.position());
        } else if (!Nodes.isNull(value)) {
            throw new UserError(
                    value.position(),
                    "the arguments of '"
                            + module
                            + "' must be a map or a text, not "
                            + value.describe(),
                    "write 'key: value' lines under the module name, or one line of text");
        }
        String name = m.get("name").map(n -> Nodes.string(n, "a task's 'name'")).orElse(module);
        return new Task(
                name,
                module,
                args,
                argPositions,
                OptionsParser.parse(m, scope, handler),
                scope.role(),
                m.position());
    }

    private static void addArgs(
            YMap map, Map<String, Object> args, Map<String, Position> positions) {
        for (YMap.Entry e : map.entries()) {
            args.put(e.name(), YamlReader.toPlain(e.value()));
            positions.put(e.name(), e.key().position());
        }
    }

    /** The single key of a task that is not a keyword: its module. */
    private static YMap.Entry moduleEntry(YMap m) {
        List<YMap.Entry> modules = new ArrayList<>();
        for (YMap.Entry e : m.entries()) {
            String key = e.name();
            if (Keywords.TASK.contains(key)) {
                continue;
            }
            String why = Keywords.UNSUPPORTED_TASK.get(key);
            if (why != null) {
                throw new UserError(
                        e.key().position(), "'" + key + "' is not supported in a task", why);
            }
            if (key.startsWith("with_")) {
                throw new UserError(
                        e.key().position(),
                        "'" + key + "' is not supported",
                        "use 'loop:' with a list, or with an expression giving one");
            }
            modules.add(e);
        }
        if (modules.isEmpty()) {
            throw new UserError(
                    m.position(),
                    "this task calls no module",
                    "add one module with its arguments, e.g. 'command: uptime'; the keys here ("
                            + String.join(", ", m.keys())
                            + ") are all task keywords");
        }
        if (modules.size() > 1) {
            throw severalModules(modules);
        }
        return modules.get(0);
    }

    private static UserError severalModules(List<YMap.Entry> modules) {
        String names =
                modules.stream()
                        .map(e -> "'" + e.name() + "'")
                        .collect(Collectors.joining(" and "));
        String what =
                "a task has "
                        + (modules.size() == 2 ? "two" : String.valueOf(modules.size()))
                        + " module names "
                        + names;
        for (YMap.Entry e : modules) {
            Optional<String> keyword = DidYouMean.nearest(e.name(), ALL_KEYWORDS);
            if (keyword.isPresent()) {
                return new UserError(
                        e.key().position(),
                        what + DidYouMean.suffix(e.name(), ALL_KEYWORDS),
                        "'"
                                + e.name()
                                + "' is not a task keyword, so it was read as a module; "
                                + "a task calls exactly one module");
            }
        }
        return new UserError(
                modules.get(1).key().position(),
                what,
                "a task calls exactly one module; split it into one task per module");
    }

    private Block block(YMap m, LoadScope scope) {
        if (!m.has("block")) {
            YMap.Entry e = m.entry("rescue").or(() -> m.entry("always")).orElseThrow();
            throw new UserError(
                    e.key().position(),
                    "'" + e.name() + "' needs a 'block'",
                    "put the tasks to run first under 'block:' beside '" + e.name() + ":'");
        }
        for (YMap.Entry e : m.entries()) {
            String key = e.name();
            if (Keywords.BLOCK.contains(key)) {
                continue;
            }
            String why = Keywords.UNSUPPORTED_TASK.get(key);
            if (why != null) {
                throw new UserError(
                        e.key().position(), "'" + key + "' is not supported in a block", why);
            }
            if (Keywords.TASK.contains(key)) {
                throw new UserError(
                        e.key().position(),
                        "'" + key + "' cannot be used on a block",
                        "put it on the tasks inside the block");
            }
            if (DidYouMean.nearest(key, Keywords.BLOCK).isPresent()) {
                throw new UserError(
                        e.key().position(),
                        "unknown key '"
                                + key
                                + "' in a block"
                                + DidYouMean.suffix(key, Keywords.BLOCK),
                        "the keys of a block are: " + String.join(", ", Keywords.BLOCK));
            }
            throw new UserError(
                    e.key().position(),
                    "a block cannot call a module ('" + key + "')",
                    "move it into a task under 'block:'");
        }
        TaskOptions options = OptionsParser.parse(m, scope, false);
        LoadScope inner = scope.inside(options);
        String name = m.get("name").map(n -> Nodes.string(n, "a block's 'name'")).orElse("block");
        return new Block(
                name,
                parseList(m.get("block").orElseThrow(), inner, "'block'"),
                m.get("rescue").map(n -> parseList(n, inner, "'rescue'")).orElse(List.of()),
                m.get("always").map(n -> parseList(n, inner, "'always'")).orElse(List.of()),
                options,
                m.position());
    }

    private List<TaskNode> includeTasks(
            YMap m, YMap.Entry moduleEntry, String module, LoadScope scope) {
        checkIncludeKeys(m, moduleEntry, module);
        YNode fileNode = fileNode(moduleEntry.value(), module);
        if (Nodes.isNull(fileNode)) {
            throw new UserError(
                    moduleEntry.key().position(),
                    module + " needs a file",
                    "write '" + module + ": FILE.yml'");
        }
        String file = Nodes.string(fileNode, "the file of " + module);
        if (file.contains("${")) {
            throw new UserError(
                    fileNode.position(),
                    module + " with an expression is not supported; name the file literally",
                    "task files are read once, at load time, before any variable is known; "
                            + "use 'when:' on literal includes to choose between files");
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(scope.dir().resolve(file).normalize());
        if (scope.role() != null) {
            candidates.add(scope.role().dir().resolve("tasks").resolve(file).normalize());
        }
        Path path =
                candidates.stream()
                        .filter(Files::isRegularFile)
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new UserError(
                                                fileNode.position(),
                                                "task file '" + file + "' not found",
                                                "looked for "
                                                        + displays(candidates)
                                                        + "; the path is relative to the including file"));
        TaskOptions options = OptionsParser.parse(m, scope, false);
        List<TaskNode> nodes = readTaskFile(path, fileNode.position(), scope.inside(options));
        String name =
                m.get("name")
                        .map(n -> Nodes.string(n, "a task's 'name'"))
                        .orElse(module + " " + file);
        return wrap(name, nodes, options, m.position());
    }

    private static YNode fileNode(YNode value, String module) {
        if (value instanceof YMap args) {
            Nodes.checkKeys(
                    args,
                    module,
                    List.of("file"),
                    Map.of("apply", "put the keywords on the " + module + " task itself"));
            return args.get("file")
                    .orElseThrow(
                            () ->
                                    new UserError(
                                            args.position(),
                                            module + " needs a file",
                                            "write '" + module + ": FILE.yml'"));
        }
        return value;
    }

    private List<TaskNode> includeRole(
            YMap m, YMap.Entry moduleEntry, String module, LoadScope scope) {
        checkIncludeKeys(m, moduleEntry, module);
        YMap args = Nodes.map(moduleEntry.value(), "the arguments of " + module);
        Nodes.checkKeys(
                args,
                module,
                Keywords.INCLUDE_ROLE_ARGS,
                Map.of(
                        "apply", "put the keywords on the " + module + " task itself",
                        "public", "remove it; a role's variables are visible to its own tasks",
                        "allow_duplicates", "remove it; " + module + " always runs the role"));
        YNode nameNode =
                args.get("name")
                        .orElseThrow(
                                () ->
                                        new UserError(
                                                args.position(),
                                                module + " needs the role's 'name'",
                                                "write '" + module + ": {name: ROLE}'"));
        Map<String, YNode> from = new LinkedHashMap<>();
        for (String kind : List.of("tasks", "vars", "defaults", "handlers")) {
            args.get(kind + "_from").ifPresent(n -> from.put(kind, n));
        }
        TaskOptions options = OptionsParser.parse(m, scope, false);
        String roleName = Nodes.string(nameNode, "the role's name");
        List<TaskNode> nodes =
                roles.expand(
                        new RoleLoader.Use(roleName, nameNode, Map.of(), from),
                        scope.inside(options),
                        false,
                        List.of());
        String name =
                m.get("name")
                        .map(n -> Nodes.string(n, "a task's 'name'"))
                        .orElse(module + " " + roleName);
        return wrap(name, nodes, options, m.position());
    }

    private static void checkIncludeKeys(YMap m, YMap.Entry moduleEntry, String module) {
        for (YMap.Entry e : m.entries()) {
            if (e != moduleEntry && !Keywords.INCLUDE.contains(e.name())) {
                throw new UserError(
                        e.key().position(),
                        "'" + e.name() + "' is not supported on " + module,
                        "files and roles are included once, at load time; the keywords allowed here are "
                                + String.join(", ", Keywords.INCLUDE));
            }
        }
    }

    /**
     * Included tasks carry the include's when/vars/become through a {@link Block}; tags are already
     * inherited, so without those the tasks are spliced in place.
     */
    static List<TaskNode> wrap(
            String name, List<TaskNode> nodes, TaskOptions options, Position position) {
        if (options.when().isEmpty()
                && options.vars().isEmpty()
                && options.become().equals(BecomeSpec.INHERIT)) {
            return nodes;
        }
        return List.of(new Block(name, nodes, List.of(), List.of(), options, position));
    }

    static String displays(List<Path> paths) {
        return paths.stream().map(p -> Position.of(p).toString()).collect(Collectors.joining(", "));
    }
}
