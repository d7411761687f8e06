package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.builtin.support.Xml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

/**
 * {@link DomainPlan#of} over states captured from libvirt 9.0 / QEMU 7.2 (src/test/resources/virt):
 * what the template rendered, what libvirt's test driver made of it, and what the QEMU driver keeps
 * ({@code dumpxml --inactive}) and runs ({@code dumpxml}). plan/rmc-000.* is a virt-install q35
 * definition of the corpus.
 */
class DomainPlanTest {
    private static final String SOURCE = "defined-source.xml";
    private static final String SOURCE_CANON = "plan/defined-source.canonical.xml";
    private static final String INACTIVE = "inactive-libvirt-9.0.xml";
    private static final String LIVE = "live-libvirt-9.0.xml";
    private static final String VM = "corpus/rmc-000-plain-rhel9-0.xml";
    private static final String VM_CANON = "plan/rmc-000.canonical.xml";
    private static final String VM_INACTIVE = "plan/rmc-000.inactive.xml";

    /** One row: the inputs, and what the plan must say. */
    record Row(
            String name,
            String raw,
            String canon,
            UnaryOperator<String> edit,
            String inactive,
            String live,
            String lastAppliedRaw,
            String state,
            boolean ifNeeded,
            Expect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Expectations: define, restart, restart required; changes that must appear (substrings);
     * warnings count.
     */
    record Expect(
            boolean define,
            boolean restart,
            boolean restartRequired,
            List<String> changes,
            List<String> notes,
            int warnings) {}

    static Expect expect(boolean define, List<String> changes) {
        return new Expect(define, false, false, changes, List.of(), 0);
    }

    static Stream<Row> rows() {
        UnaryOperator<String> same = x -> x;
        UnaryOperator<String> noRng = x -> x.replaceAll("(?s)<rng .*?</rng>", "");
        UnaryOperator<String> noCache =
                x -> x.replace(" cache='none'", "").replace(" cache=\"none\"", "");
        UnaryOperator<String> mem =
                x ->
                        x.replace(
                                        "<memory unit='MiB'>128</memory>",
                                        "<memory unit='MiB'>256</memory>")
                                .replace(
                                        "<memory unit='KiB'>131072</memory>",
                                        "<memory unit='KiB'>262144</memory>");
        UnaryOperator<String> pin =
                x -> x.replace("<vcpupin vcpu='1' cpuset='1'/>", "<vcpupin vcpu='1' cpuset='0'/>");
        UnaryOperator<String> hex =
                x ->
                        x.replace(
                                "<target dev='vda' bus='virtio'/>",
                                "<target dev='vda' bus='virtio'/>"
                                        + "<address type='pci' domain='0' bus='0' slot='3' function='0'/>");
        // only the template's text matches: the test driver's output (without the id) stays as
        // captured
        UnaryOperator<String> runtimeId =
                x ->
                        x.replace(
                                "<domain type='kvm'>\n  <name>rm-scratch",
                                "<domain type='kvm' id='7'>\n  <name>rm-scratch");
        return Stream.of(
                new Row(
                        "adopted virt-install VM, same XML: nothing to do, no record",
                        VM,
                        VM_CANON,
                        same,
                        VM_INACTIVE,
                        null,
                        null,
                        "defined",
                        false,
                        new Expect(
                                false,
                                false,
                                false,
                                List.of(),
                                List.of("no last-applied record"),
                                3)),
                new Row(
                        "our own definition on libvirt 9.0 holds",
                        SOURCE,
                        SOURCE_CANON,
                        same,
                        INACTIVE,
                        null,
                        SOURCE,
                        "defined",
                        false,
                        expect(false, List.of())),
                new Row(
                        "memory change is a redefinition",
                        SOURCE,
                        SOURCE_CANON,
                        mem,
                        INACTIVE,
                        null,
                        SOURCE,
                        "defined",
                        false,
                        expect(true, List.of("memory: '131072' -> '262144'"))),
                new Row(
                        "removed <rng> with a last-applied record is a change",
                        VM,
                        VM_CANON,
                        noRng,
                        VM_INACTIVE,
                        null,
                        VM,
                        "defined",
                        false,
                        new Expect(
                                true,
                                false,
                                false,
                                List.of("devices/rng: present, not in the desired definition"),
                                List.of(),
                                3)),
                new Row(
                        "removed <rng> without a record: not seen, and said",
                        VM,
                        VM_CANON,
                        noRng,
                        VM_INACTIVE,
                        null,
                        null,
                        "defined",
                        false,
                        new Expect(
                                false,
                                false,
                                false,
                                List.of(),
                                List.of("no last-applied record"),
                                3)),
                new Row(
                        "removed cache attribute is a change",
                        SOURCE,
                        SOURCE_CANON,
                        noCache,
                        INACTIVE,
                        null,
                        SOURCE,
                        "defined",
                        false,
                        expect(
                                true,
                                List.of("devices/disk[vda]/driver/@cache: 'none' -> (absent)"))),
                new Row(
                        "decimal address equals libvirt's hex, also uncanonicalised",
                        SOURCE,
                        null,
                        hex,
                        INACTIVE,
                        null,
                        SOURCE,
                        "defined",
                        false,
                        expect(false, List.of())),
                new Row(
                        "runtime-only id is a warning, not a change",
                        SOURCE,
                        SOURCE_CANON,
                        runtimeId,
                        INACTIVE,
                        null,
                        SOURCE,
                        "defined",
                        false,
                        new Expect(false, false, false, List.of(), List.of(), 1)),
                new Row(
                        "pin change on a running domain is applied live",
                        SOURCE,
                        SOURCE_CANON,
                        pin,
                        INACTIVE,
                        LIVE,
                        SOURCE,
                        "running",
                        false,
                        expect(false, List.of("vcpupin vcpu 1 -> 0 (live and config)"))),
                new Row(
                        "memory change on a running domain needs a restart",
                        SOURCE,
                        SOURCE_CANON,
                        mem,
                        INACTIVE,
                        LIVE,
                        SOURCE,
                        "running",
                        false,
                        new Expect(
                                true,
                                false,
                                true,
                                List.of("memory"),
                                List.of("restart required: memory"),
                                0)),
                new Row(
                        "restart: if_needed restarts",
                        SOURCE,
                        SOURCE_CANON,
                        mem,
                        INACTIVE,
                        LIVE,
                        SOURCE,
                        "running",
                        true,
                        new Expect(
                                true,
                                true,
                                false,
                                List.of("restart to apply: memory"),
                                List.of(),
                                0)),
                new Row(
                        "shutoff on a running domain stops it",
                        SOURCE,
                        SOURCE_CANON,
                        same,
                        INACTIVE,
                        LIVE,
                        SOURCE,
                        "shutoff",
                        false,
                        expect(false, List.of("shut down (was running)"))),
                new Row(
                        "a missing domain is defined",
                        SOURCE,
                        SOURCE_CANON,
                        same,
                        null,
                        null,
                        null,
                        "defined",
                        false,
                        expect(true, List.of("define new domain 'rm-scratch'"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plans(Row row) throws Exception {
        Element raw = xml(row.edit().apply(res(row.raw())));
        Desired desired =
                row.canon() == null
                        ? Desired.local(raw)
                        : Desired.of(
                                raw,
                                new Section("canonical", 0, row.edit().apply(res(row.canon()))));
        Element last =
                row.lastAppliedRaw() == null
                        ? null
                        : row.canon() == null
                                ? Desired.local(xml(res(row.lastAppliedRaw()))).canonical()
                                : Desired.of(
                                                xml(res(row.lastAppliedRaw())),
                                                new Section("canonical", 0, res(row.canon())))
                                        .canonical();
        DomainPlan plan =
                DomainPlan.of(
                        desired,
                        state(row),
                        last,
                        new DomainPlan.Args(row.state(), row.ifNeeded(), null));
        Expect e = row.expect();
        assertThat(plan.define()).as("define; plan " + plan.changes()).isEqualTo(e.define());
        assertThat(plan.restart()).as("restart; " + plan.changes()).isEqualTo(e.restart());
        assertThat(plan.restartRequired())
                .as("restart required; " + plan.restartReasons())
                .isEqualTo(e.restartRequired());
        if (e.changes().isEmpty()) {
            assertThat(plan.changes()).isEmpty();
        }
        e.changes().forEach(c -> assertThat(String.join("\n", plan.changes())).contains(c));
        e.notes().forEach(n -> assertThat(String.join("\n", plan.notes())).contains(n));
        assertThat(plan.warnings()).as("warnings").hasSize(e.warnings());
    }

    private static DomainState state(Row row) throws Exception {
        if (row.inactive() == null) {
            return new DomainState(false, "", false, "-", "", false, false, "", "", Map.of(), "");
        }
        boolean active = row.live() != null;
        return new DomainState(
                true,
                active ? "running" : "shut off",
                active,
                active ? "1" : "-",
                "357380d6",
                false,
                false,
                res(row.inactive()),
                active ? res(row.live()) : "",
                Map.of(),
                "");
    }

    static String res(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/virt/" + name));
    }

    static Element xml(String text) throws Exception {
        return Xml.parse(text).getDocumentElement();
    }
}
