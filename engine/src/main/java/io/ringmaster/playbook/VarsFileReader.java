package io.ringmaster.playbook;

import io.ringmaster.error.UserError;
import io.ringmaster.parse.Nodes;
import io.ringmaster.parse.YNode;
import io.ringmaster.parse.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads variable files (vars_files, -e @file, a role's defaults and vars) and finds YAML files by
 * base name.
 */
final class VarsFileReader {
    private VarsFileReader() {}

    /** A YAML map of variables; an empty file is an empty map. */
    static Map<String, Object> read(Path file) {
        Optional<YNode> root = YamlReader.readOptional(file);
        if (root.isEmpty()) {
            return new LinkedHashMap<>();
        }
        if (Nodes.isNull(root.get())) {
            return new LinkedHashMap<>();
        }
        if (!(root.get() instanceof io.ringmaster.parse.YMap)) {
            throw new UserError(
                    root.get().position(),
                    "a vars file must be a map of 'name: value', not " + root.get().describe(),
                    "write one variable per line, e.g. 'http_port: 80'");
        }
        return Nodes.plainMap(root.get(), "a vars file");
    }

    /**
     * {@code dir/base.yml} or {@code dir/base.yaml} (or {@code dir/base} when {@code base} already
     * ends in one of those), if it is a file.
     */
    static Optional<Path> findYaml(Path dir, String base) {
        List<String> names =
                base.endsWith(".yml") || base.endsWith(".yaml")
                        ? List.of(base)
                        : List.of(base + ".yml", base + ".yaml");
        return names.stream()
                .map(n -> dir.resolve(n).normalize())
                .filter(Files::isRegularFile)
                .findFirst();
    }
}
