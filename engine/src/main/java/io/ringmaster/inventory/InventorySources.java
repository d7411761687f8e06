package io.ringmaster.inventory;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code -i} sources as Ansible does: a file (YAML for {@code .yml}/{@code .yaml}/{@code
 * .json}, or an extensionless file holding a YAML mapping; INI otherwise), a directory (every entry
 * in lexical order, recursively, skipping hidden files, {@code host_vars}, {@code group_vars},
 * {@code vars_plugins} and the extensions ansible-core 2.19 ignores), or a comma-separated host
 * list such as {@code h1,h2,} (no ranges). Then {@code group_vars/} and {@code host_vars/} beside
 * each source (its directory, or the directory itself). Deviations: a source that does not exist is
 * an error (Ansible warns and goes on); executable inventory scripts, inventory plugins and TOML
 * inventories are not supported.
 */
final class InventorySources {
    private static final List<String> IGNORED_EXTENSIONS =
            List.of(
                    ".pyc", ".pyo", ".swp", ".bak", "~", ".rpm", ".md", ".txt", ".rst", ".orig",
                    ".cfg", ".retry");
    private static final Set<String> IGNORED_NAMES =
            Set.of("host_vars", "group_vars", "vars_plugins");
    private static final List<String> YAML_EXTENSIONS = List.of(".yml", ".yaml", ".json");

    private final InventoryBuilder inv = new InventoryBuilder();
    private final Set<Path> basedirs = new LinkedHashSet<>();

    private InventorySources() {}

    static Inventory load(List<String> sources) {
        InventorySources loader = new InventorySources();
        for (String source : sources) {
            loader.source(source);
            loader.inv.reconcile();
        }
        return loader.build();
    }

    private void source(String source) {
        Path path = toPath(source);
        if ((path == null || !Files.exists(path)) && source.contains(",")) {
            hostList(source);
        } else if (path != null && Files.isDirectory(path)) {
            directory(path);
            basedirs.add(path);
        } else if (path != null && Files.isRegularFile(path)) {
            file(path);
            Path parent = path.toAbsolutePath().getParent();
            basedirs.add(parent == null ? Path.of("") : parent);
        } else {
            throw new UserError(
                    null,
                    "inventory source '" + source + "' does not exist" + siblings(path),
                    "give -i a file, a directory, or a comma-separated host list such as 'web1,web2,'");
        }
    }

    private static Path toPath(String source) {
        try {
            return source.isEmpty() ? null : Path.of(source);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String siblings(Path path) {
        if (path == null || path.getFileName() == null) {
            return "";
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return "";
        }
        try (Stream<Path> list = Files.list(parent)) {
            List<String> names = list.map(p -> p.getFileName().toString()).toList();
            return DidYouMean.suffix(path.getFileName().toString(), names);
        } catch (IOException e) {
            return "";
        }
    }

    private void hostList(String source) {
        for (String part : source.split(",")) {
            String h = part.strip();
            if (!h.isEmpty()) {
                HostAddress address = HostAddress.parse(h);
                inv.addHost(address.pattern(), InventoryBuilder.UNGROUPED);
                if (address.port() != null) {
                    inv.setHostVar(address.pattern(), "ansible_port", address.port());
                }
            }
        }
    }

    private void directory(Path dir) {
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
                    Position.of(dir),
                    "cannot read the inventory directory: " + e.getMessage(),
                    null);
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")
                    || IGNORED_NAMES.contains(name)
                    || IGNORED_EXTENSIONS.stream().anyMatch(name::endsWith)) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                directory(entry);
            } else if (Files.isRegularFile(entry)) {
                file(entry);
            }
        }
    }

    private void file(Path file) {
        String text = io.ringmaster.parse.TextFile.read(file);
        String ext =
                VarsDirectoryLoader.extension(file.getFileName().toString())
                        .toLowerCase(Locale.ROOT);
        boolean yaml =
                YAML_EXTENSIONS.contains(ext)
                        || ext.isEmpty() && YamlInventoryParser.looksLikeYamlInventory(file, text);
        if (yaml) {
            YamlInventoryParser.parse(file, text, inv);
        } else {
            IniInventoryParser.parse(file, text, inv);
        }
    }

    private Inventory build() {
        Map<String, Map<String, Object>> groupDirVars = new LinkedHashMap<>();
        for (String group : inv.groupNames()) {
            groupDirVars.put(group, dirVars("group_vars", group));
        }
        Map<String, Map<String, Object>> hostDirVars = new LinkedHashMap<>();
        List<String> hosts = new ArrayList<>(inv.hostNames());
        hosts.addAll(Inventory.LOCALHOST_NAMES);
        for (String host : hosts) {
            hostDirVars.put(host, dirVars("host_vars", host));
        }
        return new Inventory(
                inv.hostVars(), inv.groups(), groupDirVars, hostDirVars, inv.warnings());
    }

    private Map<String, Object> dirVars(String subdir, String name) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Path basedir : basedirs) {
            Values.combine(vars, VarsDirectoryLoader.load(basedir, subdir, name));
        }
        return vars;
    }
}
