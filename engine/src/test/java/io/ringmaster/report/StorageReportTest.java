package io.ringmaster.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * report storage on the --json of two real prove.yml runs in the lab (3 hosts, one VM each: before
 * with io=threads, after with site.yml's io_uring; src/test/resources/report/), and on small
 * hand-made runs for the flags.
 */
class StorageReportTest {
    @TempDir Path dir;

    @SuppressWarnings("unchecked")
    static StorageRun fixture(String name) throws IOException {
        try (InputStream in = StorageReportTest.class.getResourceAsStream("/report/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return StorageRun.from(name, (Map<String, Object>) JsonParser.parse(text));
        }
    }

    static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    @Test
    void aRealRunGivesEveryHostDiskToolAndModeWithSparseImagesMarked() throws Exception {
        StorageRun run = fixture("after.json");
        assertThat(run.entries()).hasSize(27);
        assertThat(run.ioUringDisabled()).containsOnlyKeys("lab1", "lab2", "lab3").containsValue(0);
        StorageReport r = StorageReport.of(run, Optional.empty());
        assertThat(r.hosts()).containsExactly("lab1", "lab2", "lab3");
        assertThat(r.disks())
                .extracting(
                        d ->
                                d.host()
                                        + " "
                                        + d.disk()
                                        + " "
                                        + d.tool()
                                        + (d.sparse() ? " sparse" : ""))
                .startsWith("lab1 vda qemu-img sparse", "lab1 vdb qemu-img", "lab1 vdb fio");
        assertThat(r.disks()).allMatch(d -> d.configured().equals("io_uring"));
    }

    @Test
    void htmlAndEverySvgAreWellFormedXmlWithTheChartsInline() throws Exception {
        StorageReport r =
                StorageReport.of(fixture("after.json"), Optional.of(fixture("before.json")));
        List<Path> files = r.write(dir.resolve("out"));
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "iops-per-host.svg",
                        "io_uring-distribution.svg",
                        "before-after.svg",
                        "index.html",
                        "report.md",
                        "report.json");
        for (String svg : StorageReport.CHART_FILES) {
            Document d = xml(Files.readString(dir.resolve("out").resolve(svg)));
            assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
            assertThat(d.getDocumentElement().getNamespaceURI())
                    .isEqualTo("http://www.w3.org/2000/svg");
            assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength())
                    .isGreaterThan(3);
        }
        Document html = xml(Files.readString(dir.resolve("out/index.html")));
        assertThat(html.getDocumentElement().getLocalName()).isEqualTo("html");
        assertThat(html.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength())
                .isEqualTo(3);
        assertThat(html.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "table").getLength())
                .isEqualTo(3);
        assertThat(Files.readString(dir.resolve("out/report.md")))
                .contains("### lab1")
                .contains(
                        "| vdb | /var/lib/libvirt/images/ringmaster/rmb-lab1-db-data.raw | qemu-img | io_uring |");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportJsonPairsEachDisksConfiguredModeBeforeAndAfter() throws Exception {
        StorageReport.of(fixture("after.json"), Optional.of(fixture("before.json"))).write(dir);
        Map<String, Object> doc =
                (Map<String, Object>)
                        JsonParser.parse(Files.readString(dir.resolve("report.json")));
        assertThat((List<Object>) doc.get("hosts")).hasSize(3);
        List<Map<String, Object>> pairs = (List<Map<String, Object>>) doc.get("before_after");
        Map<String, Object> lab1 =
                pairs.stream()
                        .filter(
                                p ->
                                        p.get("host").equals("lab1")
                                                && p.get("disk").equals("vdb")
                                                && p.get("tool").equals("qemu-img"))
                        .findFirst()
                        .orElseThrow();
        assertThat(lab1)
                .containsEntry("before_mode", "threads")
                .containsEntry("after_mode", "io_uring");
        assertThat(((Number) lab1.get("ratio")).doubleValue()).isGreaterThan(1.5);
    }

    @Test
    void withoutABeforeRunThereIsNoBeforeAfterChart() throws Exception {
        List<Path> files = StorageReport.of(fixture("after.json"), Optional.empty()).write(dir);
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .doesNotContain("before-after.svg");
        assertThat(
                        xml(Files.readString(dir.resolve("index.html")))
                                .getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg")
                                .getLength())
                .isEqualTo(2);
    }

    @Test
    void flagsAConfiguredModeThatIsNotFastestSlowerIoUringAndDisabledIoUring() {
        StorageRun run =
                run(
                        Map.of("hv1", 0, "hv2", 2),
                        entry("hv1", "vda", "native", "io_uring", 100_000),
                        entry("hv1", "vda", "native", "native", 80_000),
                        entry("hv1", "vdb", "io_uring", "io_uring", 90_000),
                        entry("hv1", "vdb", "io_uring", "native", 120_000),
                        entry("hv1", "vdc", "io_uring", "io_uring", 101_000),
                        entry("hv1", "vdc", "io_uring", "native", 100_000),
                        entry("hv2", "vda", "threads", "threads", 50_000),
                        entry("hv2", "vda", "threads", "native", 51_000));
        List<StorageFlag> flags = StorageReport.of(run, Optional.empty()).flags();
        assertThat(flags)
                .extracting(f -> f.host() + " " + f.disk() + ": " + f.kind())
                .containsExactly(
                        "hv2 : io_uring disabled",
                        "hv1 vda: configured mode not fastest",
                        "hv1 vdb: configured mode not fastest",
                        "hv1 vdb: io_uring slower");
        assertThat(flags.get(1).message())
                .isEqualTo(
                        "hv1 vda (qemu-img): configured native 80.0k IOPS, io_uring 100.0k IOPS (x0.80)");
        assertThat(flags.get(0).message()).contains("kernel.io_uring_disabled = 2");
    }

    @Test
    void textFromTheRunIsEscapedInTheHtml() throws Exception {
        StorageRun run = run(Map.of("<b>&host", 0), entry("<b>&host", "vd<a>", "", "io_uring", 10));
        StorageReport.of(run, Optional.empty()).write(dir);
        Document html = xml(Files.readString(dir.resolve("index.html")));
        assertThat(html.getDocumentElement().getTextContent())
                .contains("<b>&host")
                .contains("vd<a>");
    }

    static Map<String, Object> entry(
            String host, String disk, String configured, String mode, double iops) {
        Map<String, Object> e =
                new LinkedHashMap<>(
                        Map.of(
                                "host",
                                host,
                                "disk",
                                disk,
                                "path",
                                "/i/" + disk,
                                "tool",
                                "qemu-img",
                                "mode",
                                mode,
                                "iops",
                                iops,
                                "mib_per_s",
                                iops * 4096 / 1048576));
        if (!configured.isEmpty()) {
            e.put("configured_mode", configured);
        }
        return e;
    }

    /**
     * A --json tree with one storage_bench task whose hosts carry {@code entries} (each naming its
     * host).
     */
    @SafeVarargs
    static StorageRun run(Map<String, Integer> disabled, Map<String, Object>... entries) {
        Map<String, Object> hosts = new LinkedHashMap<>();
        disabled.forEach(
                (h, v) -> {
                    List<Object> rows = new ArrayList<>();
                    for (Map<String, Object> e : entries) {
                        if (e.get("host").equals(h)) {
                            rows.add(e);
                        }
                    }
                    hosts.put(
                            h,
                            Map.of(
                                    "status",
                                    "ok",
                                    "data",
                                    Map.of("results", rows, "io_uring_disabled", v)));
                });
        Map<String, Object> task = Map.of("module", "storage_bench", "hosts", hosts);
        return StorageRun.from("t.json", Map.of("plays", List.of(Map.of("tasks", List.of(task)))));
    }
}
