package io.ringmaster.playbook;

import io.ringmaster.error.UserError;
import io.ringmaster.parse.Nodes;
import io.ringmaster.parse.YMap;
import io.ringmaster.parse.YNode;
import io.ringmaster.parse.YSeq;
import io.ringmaster.parse.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a playbook file into {@link Playbook} records: plays, {@code import_playbook} expanded in
 * place, roles and task includes expanded statically. Every mistake is a {@link UserError} at
 * file:line:column with a hint; the first one found stops loading.
 */
public final class PlaybookLoader {
    /**
     * Colon-separated directories holding roles, searched after {@code roles/} beside the playbook.
     */
    public static final String ROLES_PATH_ENV = "RINGMASTER_ROLES_PATH";

    private PlaybookLoader() {}

    /** Loads {@code file}, searching roles beside it and in {@value #ROLES_PATH_ENV}. */
    public static Playbook load(Path file) {
        return load(file, rolesPathFromEnvironment());
    }

    /**
     * Loads {@code file}, searching roles in {@code roles/} beside it and then in {@code
     * rolesPath}.
     */
    public static Playbook load(Path file, List<Path> rolesPath) {
        List<Path> search = rolesPath.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<Play> plays = new ArrayList<>();
        readPlaybook(file.toAbsolutePath().normalize(), search, new ArrayDeque<>(), plays);
        return new Playbook(file, plays);
    }

    /**
     * A YAML map of variables (for vars_files and {@code -e @file}); an empty file is an empty map.
     */
    public static Map<String, Object> loadVarsFile(Path file) {
        return VarsFileReader.read(file);
    }

    private static List<Path> rolesPathFromEnvironment() {
        String value = System.getenv(ROLES_PATH_ENV);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(":")).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static void readPlaybook(
            Path file, List<Path> rolesPath, Deque<Path> stack, List<Play> plays) {
        stack.push(file);
        YNode root = YamlReader.read(file);
        if (!(root instanceof YSeq seq)) {
            boolean looksLikePlay = root instanceof YMap map && map.has("hosts");
            throw new UserError(
                    root.position(),
                    "a playbook must be a list of plays, not " + root.describe(),
                    looksLikePlay
                            ? "start the play with '- ', as in '- hosts: all', and indent its keys under it"
                            : "write each play as a list item, e.g. '- hosts: all' followed by its tasks");
        }
        for (YNode item : seq.items()) {
            YMap m = Nodes.map(item, "a play");
            Optional<YMap.Entry> imp =
                    m.entries().stream()
                            .filter(e -> Keywords.shortName(e.name()).equals("import_playbook"))
                            .findFirst();
            if (imp.isPresent()) {
                importPlaybook(m, imp.get(), file, rolesPath, stack, plays);
            } else {
                plays.add(PlayParser.parse(m, file, rolesPath));
            }
        }
        stack.pop();
    }

    private static void importPlaybook(
            YMap m,
            YMap.Entry imp,
            Path file,
            List<Path> rolesPath,
            Deque<Path> stack,
            List<Play> plays) {
        for (YMap.Entry e : m.entries()) {
            if (e != imp && !e.name().equals("name")) {
                throw new UserError(
                        e.key().position(),
                        "'" + e.name() + "' is not supported on import_playbook",
                        "put it on the plays of the imported playbook");
            }
        }
        String target = Nodes.string(imp.value(), "the file of import_playbook");
        if (target.contains("${")) {
            throw new UserError(
                    imp.value().position(),
                    "import_playbook with an expression is not supported; name the file literally",
                    "playbooks are read once, before any variable is known");
        }
        Path path = file.getParent().resolve(target).normalize();
        if (!Files.isRegularFile(path)) {
            throw new UserError(
                    imp.value().position(),
                    "playbook '" + target + "' not found",
                    "looked for "
                            + TaskParser.displays(List.of(path))
                            + "; the path is relative to the importing "
                            + "playbook");
        }
        if (stack.contains(path)) {
            throw new UserError(
                    imp.value().position(),
                    "import cycle: " + Cycles.describe(stack, path),
                    "remove one of the import_playbook entries");
        }
        readPlaybook(path, rolesPath, stack, plays);
    }
}
