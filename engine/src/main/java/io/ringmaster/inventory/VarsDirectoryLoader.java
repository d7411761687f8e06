package io.ringmaster.inventory;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import io.ringmaster.parse.Nodes;
import io.ringmaster.parse.YMap;
import io.ringmaster.parse.YNode;
import io.ringmaster.parse.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads {@code group_vars/NAME} and {@code host_vars/NAME} beside an inventory source, like
 * Ansible's {@code host_group_vars} plugin: {@code NAME} (a file, or a directory of files), then
 * {@code NAME.yml}, {@code NAME.yaml}, {@code NAME.json}, merged in that order, later wins. In a
 * directory, files are read in lexical order, subdirectories without an extension recursively,
 * skipping hidden and {@code ~} files and files whose extension is not one of those.
 */
final class VarsDirectoryLoader {
    private static final List<String> EXTENSIONS = List.of(".yml", ".yaml", ".json");

    private VarsDirectoryLoader() {}

    /** The merged variables of {@code basedir/subdir/name}; empty when there are none. */
    static Map<String, Object> load(Path basedir, String subdir, String name) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Path file : find(basedir.resolve(subdir), name)) {
            Values.combine(vars, read(file));
        }
        return vars;
    }

    private static List<Path> find(Path dir, String name) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)
                || name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.contains("/")
                || name.contains("\\")) {
            return found;
        }
        for (String ext : List.of("", ".yml", ".yaml", ".json")) {
            Path candidate;
            try {
                candidate = dir.resolve(name + ext);
            } catch (InvalidPathException e) {
                return found;
            }
            checkLink(candidate);
            if (Files.isDirectory(candidate)) {
                found.addAll(directory(candidate, new java.util.HashSet<>()));
            } else if (Files.isRegularFile(candidate)) {
                found.add(candidate);
            }
        }
        return found;
    }

    /**
     * A symbolic link that loops, or points nowhere, is an error naming it: Ansible users expect a
     * variables file they linked to be read, not skipped without a word.
     */
    private static void checkLink(Path path) {
        if (!Files.isSymbolicLink(path) || Files.exists(path)) {
            return;
        }
        try {
            path.toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(
                    Position.of(path),
                    "is a symbolic link to " + target(path) + ", which does not exist",
                    "fix or remove the link");
        } catch (IOException e) {
            throw new UserError(
                    Position.of(path),
                    "is a symbolic link loop (" + e.getMessage() + ")",
                    "fix or remove the link; it must point to a variables file or directory");
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private static List<Path> directory(Path dir, java.util.Set<Path> visiting) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new UserError(
                    Position.of(dir), "cannot read variables directory: " + e.getMessage(), null);
        }
        if (!visiting.add(real)) {
            throw new UserError(
                    Position.of(dir),
                    "is a symbolic link loop: it leads back to " + real,
                    "fix or remove the link; it must not point to a directory that contains it");
        }
        List<Path> found = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries =
                    list.sorted(
                                    (a, b) ->
                                            a.getFileName()
                                                    .toString()
                                                    .compareTo(b.getFileName().toString()))
                            .toList();
        } catch (IOException e) {
            throw new UserError(
                    Position.of(dir), "cannot read variables directory: " + e.getMessage(), null);
        }
        for (Path entry : entries) {
            String file = entry.getFileName().toString();
            if (file.startsWith(".") || file.endsWith("~")) {
                continue;
            }
            String ext = extension(file);
            checkLink(entry);
            if (Files.isDirectory(entry) && ext.isEmpty()) {
                found.addAll(directory(entry, visiting));
            } else if (Files.isRegularFile(entry) && (ext.isEmpty() || EXTENSIONS.contains(ext))) {
                found.add(entry);
            }
        }
        visiting.remove(real);
        return found;
    }

    /**
     * Python's {@code os.path.splitext} extension: from the last dot, unless the name only starts
     * with it.
     */
    static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot <= 0 || file.substring(0, dot).chars().allMatch(c -> c == '.')
                ? ""
                : file.substring(dot);
    }

    private static Map<String, Object> read(Path file) {
        YNode root = YamlReader.readOptional(file).orElse(null);
        if (root == null || Nodes.isNull(root)) {
            return Map.of();
        }
        if (!(root instanceof YMap)) {
            throw new UserError(
                    root.position(),
                    "a variables file must be a mapping of names to values, not "
                            + YamlInventoryParser.kind(root),
                    "write one 'name: value' per line");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> vars =
                new LinkedHashMap<>((Map<String, Object>) YamlReader.toPlain(root));
        ConnectionVars.checkAll(vars, root.position());
        return vars;
    }
}
