package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Xml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.w3c.dom.Element;

/**
 * One definition of the real-world domain-XML corpus ({@code
 * src/test/resources/virt/corpus/rmc-*.xml}, origins in SOURCES.md there): its file, its domain
 * name and its text, exactly as a user would give it as a template.
 */
record CorpusDefinition(Path file, String name, String xml) {
    static final Path DIR = Path.of("src/test/resources/virt/corpus");
    static final String IMAGES = "/var/lib/libvirt/images/rmc-corpus";
    private static final Pattern DISK_FILE =
            Pattern.compile("<source file=[\"'](" + IMAGES + "/[^\"']+)[\"']");

    /** Every corpus file whose name contains {@code filter} (all when blank), sorted by name. */
    static List<CorpusDefinition> load(String filter) {
        try (Stream<Path> files = Files.list(DIR)) {
            List<CorpusDefinition> out = new ArrayList<>();
            for (Path f :
                    files.filter(p -> p.getFileName().toString().matches("rmc-.*\\.xml"))
                            .sorted()
                            .toList()) {
                if (filter == null
                        || filter.isBlank()
                        || f.getFileName().toString().contains(filter)) {
                    out.add(read(f));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the corpus in " + DIR.toAbsolutePath(), e);
        }
    }

    static CorpusDefinition read(Path f) throws IOException {
        String xml = Files.readString(f, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<name>([^<]*)</name>").matcher(xml);
        return new CorpusDefinition(f, m.find() ? m.group(1) : "", xml);
    }

    /**
     * The disk image files the definition names (all under {@link #IMAGES}), which the test
     * creates.
     */
    List<String> diskFiles() {
        List<String> out = new ArrayList<>();
        Matcher m = DISK_FILE.matcher(xml);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    Element root() throws Xml.XmlException {
        return Xml.parse(xml).getDocumentElement();
    }
}
