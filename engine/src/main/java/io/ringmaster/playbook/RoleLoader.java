package io.ringmaster.playbook;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import io.ringmaster.parse.Nodes;
import io.ringmaster.parse.YMap;
import io.ringmaster.parse.YNode;
import io.ringmaster.parse.YScalar;
import io.ringmaster.parse.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds roles and expands them into tasks: {@code meta/main.yml} dependencies first, then {@code
 * tasks/main.yml}; {@code handlers/main.yml} goes to the play's handlers, {@code defaults/} and
 * {@code vars/} (plus the parameters given where the role is used) into the {@link RoleRef} every
 * task of the role carries.
 *
 * <p>A role used with {@code when} or {@code become} is wrapped in a {@link Block} carrying them;
 * its tags are added to every task of the role (and of its dependencies).
 */
final class RoleLoader {

    /**
     * One use of a role.
     *
     * @param name the role's name as written
     * @param nameNode where it was written
     * @param params parameters given with it (override vars/main.yml)
     * @param from {@code tasks}/{@code vars}/{@code defaults}/{@code handlers} files other than
     *     main
     */
    record Use(String name, YNode nameNode, Map<String, Object> params, Map<String, YNode> from) {}

    private final TaskParser tasks;
    private final PlayState state;

    RoleLoader(TaskParser tasks, PlayState state) {
        this.tasks = tasks;
        this.state = state;
    }

    /**
     * An entry of {@code roles:} or of a role's {@code dependencies:}: a name, or a map with {@code
     * role} (or {@code name}), {@code when}, {@code tags}, {@code become}, {@code vars} and role
     * parameters. A role already used in this play with the same parameters gives no tasks.
     *
     * @param searchFirst directories searched before the play's role path (a depending role's
     *     siblings)
     */
    List<TaskNode> fromEntry(YNode entry, LoadScope scope, List<Path> searchFirst) {
        if (entry instanceof YScalar) {
            String name = Nodes.string(entry, "a role");
            return expand(new Use(name, entry, Map.of(), Map.of()), scope, true, searchFirst);
        }
        YMap m = Nodes.map(entry, "a role entry");
        if (m.has("role") && m.has("name")) {
            throw new UserError(
                    m.entry("name").orElseThrow().key().position(),
                    "a role entry has both 'role' and 'name'",
                    "name the role once, with 'role:'");
        }
        YNode nameNode =
                m.get("role")
                        .or(() -> m.get("name"))
                        .orElseThrow(
                                () ->
                                        new UserError(
                                                m.position(),
                                                "a role entry needs 'role'",
                                                "write '- role: NAME' (parameters beside it)"));
        String name = Nodes.string(nameNode, "a role's name");
        Map<String, Object> params = new LinkedHashMap<>();
        m.get("vars").ifPresent(v -> params.putAll(Nodes.plainMap(v, "'vars'")));
        for (YMap.Entry e : m.entries()) {
            if (!Keywords.ROLE_ENTRY.contains(e.name())) {
                params.put(e.name(), YamlReader.toPlain(e.value()));
            }
        }
        List<Expr> when =
                m.get("when").map(n -> OptionsParser.exprs(n, "'when'")).orElse(List.of());
        List<String> tags =
                scope.tagsWith(m.get("tags").map(OptionsParser::tags).orElse(List.of()));
        BecomeSpec become = OptionsParser.become(m);
        boolean noLog = m.get("no_log").map(n -> Nodes.bool(n, "'no_log'")).orElse(scope.noLog());
        List<TaskNode> nodes =
                expand(
                        new Use(name, nameNode, params, Map.of()),
                        new LoadScope(scope.dir(), scope.role(), tags, noLog),
                        true,
                        searchFirst);
        TaskOptions options =
                TaskOptions.builder().when(when).tags(tags).become(become).noLog(noLog).build();
        return nodes.isEmpty()
                ? nodes
                : TaskParser.wrap("role " + name, nodes, options, m.position());
    }

    /** The tasks of a role (dependencies first); its handlers are added to the play's. */
    List<TaskNode> expand(Use use, LoadScope scope, boolean dedupe, List<Path> searchFirst) {
        Path dir = find(use, scope, searchFirst);
        Optional<YMap> meta = meta(dir);
        boolean allowDuplicates =
                meta.flatMap(mm -> mm.get("allow_duplicates"))
                        .map(n -> Nodes.bool(n, "'allow_duplicates'"))
                        .orElse(false);
        if (state.roleStack.contains(dir)) {
            throw new UserError(
                    use.nameNode().position(),
                    "role dependency cycle: " + Cycles.describe(state.roleStack, dir),
                    "remove one of the dependencies in meta/main.yml");
        }
        String key = dir + " " + use.params() + " " + use.from().keySet();
        if (dedupe && !allowDuplicates && !state.rolesRun.add(key)) {
            return List.of();
        }
        state.roleStack.push(dir);
        try {
            Map<String, Object> defaults = vars(dir, "defaults", use);
            Map<String, Object> vars = vars(dir, "vars", use);
            RoleRef ref = new RoleRef(use.name(), dir, defaults, vars, use.params());
            List<TaskNode> result = new ArrayList<>();
            Optional<YNode> deps = meta.flatMap(mm -> mm.get("dependencies"));
            if (deps.isPresent() && !Nodes.isNull(deps.get())) {
                LoadScope depScope = new LoadScope(dir, null, scope.tags(), scope.noLog());
                for (YNode dep : Nodes.seq(deps.get(), "'dependencies'").items()) {
                    result.addAll(fromEntry(dep, depScope, List.of(dir.getParent())));
                }
            }
            LoadScope roleScope =
                    new LoadScope(dir.resolve("tasks"), ref, scope.tags(), scope.noLog());
            file(dir, "tasks", use)
                    .ifPresent(
                            f ->
                                    result.addAll(
                                            tasks.readTaskFile(
                                                    f, use.nameNode().position(), roleScope)));
            file(dir, "handlers", use)
                    .ifPresent(
                            f -> {
                                if (state.handlerFilesRead.add(f)) {
                                    state.roleHandlers.addAll(
                                            tasks.readHandlerFile(
                                                    f,
                                                    new LoadScope(
                                                            f.getParent(),
                                                            ref,
                                                            scope.tags(),
                                                            scope.noLog())));
                                }
                            });
            return result;
        } finally {
            state.roleStack.pop();
        }
    }

    private Path find(Use use, LoadScope scope, List<Path> searchFirst) {
        String name = use.name();
        Position at = use.nameNode().position();
        if (name.contains("${")) {
            throw new UserError(
                    at,
                    "a role name with an expression is not supported; name the role literally",
                    "roles are read once, at load time, before any variable is known");
        }
        List<Path> candidates = new ArrayList<>();
        if (name.contains("/")) {
            candidates.add(state.playDir.resolve(name).normalize());
        }
        Stream.concat(searchFirst.stream(), state.roleSearchPath.stream())
                .map(d -> d.resolve(name).toAbsolutePath().normalize())
                .filter(p -> !candidates.contains(p))
                .forEach(candidates::add);
        return candidates.stream()
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(
                        () ->
                                new UserError(
                                        at,
                                        "role '"
                                                + name
                                                + "' not found"
                                                + DidYouMean.suffix(name, known(searchFirst)),
                                        "looked for "
                                                + TaskParser.displays(candidates)
                                                + "; create the role there or add the "
                                                + "directory holding it to RINGMASTER_ROLES_PATH"));
    }

    private TreeSet<String> known(List<Path> searchFirst) {
        TreeSet<String> names = new TreeSet<>();
        Stream.concat(searchFirst.stream(), state.roleSearchPath.stream())
                .filter(Files::isDirectory)
                .forEach(
                        d -> {
                            try (Stream<Path> list = Files.list(d)) {
                                list.filter(Files::isDirectory)
                                        .forEach(p -> names.add(p.getFileName().toString()));
                            } catch (IOException e) {
                                // an unreadable directory just suggests nothing
                            }
                        });
        return names;
    }

    private static Optional<YMap> meta(Path dir) {
        Optional<Path> file = VarsFileReader.findYaml(dir.resolve("meta"), "main");
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Optional<YNode> root = YamlReader.readOptional(file.get());
        if (root.isEmpty() || Nodes.isNull(root.get())) {
            return Optional.empty();
        }
        YMap meta = Nodes.map(root.get(), "meta/main.yml");
        Nodes.checkKeys(meta, "meta/main.yml", Keywords.META, Map.of());
        return Optional.of(meta);
    }

    /** {@code dir/kind/main.yml}, or the {@code kind_from} file (which must exist). */
    private static Optional<Path> file(Path dir, String kind, Use use) {
        YNode from = use.from().get(kind);
        if (from == null) {
            return VarsFileReader.findYaml(dir.resolve(kind), "main");
        }
        String base = Nodes.string(from, "'" + kind + "_from'");
        Optional<Path> found = VarsFileReader.findYaml(dir.resolve(kind), base);
        if (found.isEmpty()) {
            throw new UserError(
                    from.position(),
                    "role '" + use.name() + "' has no " + kind + " file '" + base + "'",
                    "looked for "
                            + base
                            + ".yml and "
                            + base
                            + ".yaml in "
                            + Position.of(dir.resolve(kind)));
        }
        return found;
    }

    private static Map<String, Object> vars(Path dir, String kind, Use use) {
        return file(dir, kind, use).map(VarsFileReader::read).orElseGet(LinkedHashMap::new);
    }
}
