package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.support.Xml;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The corpus files themselves (no libvirtd): well-formed, uniquely named rmc-*, each with its
 * origin in SOURCES.md.
 */
class CorpusFilesTest {
    private final List<CorpusDefinition> corpus = CorpusDefinition.load("");

    @Test
    void theCorpusHasAtLeast150Definitions() {
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
    }

    @Test
    void everyFileIsAWellFormedDomainNamedLikeItsFileWithAUniqueRmcName() throws Exception {
        Set<String> names = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (CorpusDefinition d : corpus) {
            String file = d.file().getFileName().toString();
            Element root;
            try {
                root = d.root();
            } catch (Xml.XmlException e) {
                problems.add(file + ": not well-formed XML: " + e.getMessage());
                continue;
            }
            String name = Xml.text(Xml.child(root, "name"));
            check(
                    problems,
                    "domain".equals(root.getTagName()),
                    file + ": root is <" + root.getTagName() + ">");
            check(
                    problems,
                    name.matches("rmc-[0-9]{3}-[a-z0-9-]+"),
                    file + ": name '" + name + "' is not rmc-NNN-...");
            check(
                    problems,
                    file.equals(name + ".xml"),
                    file + ": file is not named after its domain '" + name + "'");
            check(problems, names.add(name), file + ": name '" + name + "' is used twice");
            check(
                    problems,
                    Xml.child(root, "uuid") == null,
                    file + ": has a <uuid> (it would clash between runs)");
            check(
                    problems,
                    !d.xml().contains("$") && !d.xml().contains("#"),
                    file
                            + ": has '$' or '#', which the Velocity template renderer would interpret");
            check(
                    problems,
                    d.diskFiles().stream()
                            .allMatch(
                                    f -> f.startsWith(CorpusDefinition.IMAGES + "/" + name + "-")),
                    file + ": a disk file is not " + CorpusDefinition.IMAGES + "/" + name + "-*");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyFileHasItsOriginInSourcesMd() throws Exception {
        String sources = Files.readString(CorpusDefinition.DIR.resolve("SOURCES.md"));
        List<String> missing =
                corpus.stream()
                        .map(d -> d.file().getFileName().toString())
                        .filter(f -> !sources.contains("| `" + f + "` | `"))
                        .toList();
        assertThat(missing).as("corpus files without a row in SOURCES.md").isEmpty();
        long rows = sources.lines().filter(l -> l.startsWith("| `rmc-")).count();
        assertThat(rows)
                .as("SOURCES.md rows for files that no longer exist")
                .isEqualTo(corpus.size());
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
