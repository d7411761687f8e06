package io.ringmaster.builtin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.module.api.Args;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchPlanTest {

    static final PathFacts FILE =
            new PathFacts(
                    "/var/tmp/rmb.img",
                    "file",
                    1 << 28,
                    "/var/tmp/rmb.img",
                    "ok",
                    Optional.empty());

    static BenchSpec spec(Map<String, Object> args) {
        Map<String, Object> a = new HashMap<>(Map.of("modes", Mode.ids(), "tool", "auto"));
        a.putAll(args);
        return BenchSpec.from(new Args(a), Map.of());
    }

    static HostFacts host(Disk d, PathFacts p, boolean running, Map<String, String> inUse) {
        return new HostFacts(
                "hv1", EnumSet.allOf(Tool.class), 0, running, List.of(d), List.of(p), inUse, true);
    }

    static Disk vda(String mode) {
        return new Disk(
                "vda",
                Optional.of(FILE.path()),
                Optional.empty(),
                Optional.empty(),
                "raw",
                Optional.of(mode),
                Optional.empty());
    }

    @Test
    void aPathIsBenchedWithBothToolsInEveryModeWhenFioIsInstalled() {
        BenchPlan p =
                BenchPlan.of(
                        spec(Map.of("path", FILE.path())),
                        host(Disk.ofPath(FILE.path(), "raw"), FILE, false, Map.of()));
        assertThat(p.failures()).isEmpty();
        assertThat(p.jobs())
                .extracting(j -> j.tool().command() + "/" + j.mode().id())
                .containsExactly(
                        "qemu-img/io_uring",
                        "qemu-img/native",
                        "qemu-img/threads",
                        "fio/io_uring",
                        "fio/native",
                        "fio/threads");
    }

    @Test
    void toolQemuImgLeavesFioOut() {
        BenchPlan p =
                BenchPlan.of(
                        spec(Map.of("path", FILE.path(), "tool", "qemu-img")),
                        host(Disk.ofPath(FILE.path(), "raw"), FILE, false, Map.of()));
        assertThat(p.jobs()).allMatch(j -> j.tool() == Tool.QEMU_IMG).hasSize(3);
    }

    @Test
    void aRunningDomainsDisksAreSkippedWithANoteUnlessAllowed() {
        BenchPlan skipped =
                BenchPlan.of(
                        spec(Map.of("domain", "rmb-vm")),
                        host(vda("io_uring"), FILE, true, Map.of()));
        assertThat(skipped.jobs()).isEmpty();
        assertThat(skipped.failures()).isEmpty();
        assertThat(skipped.notes())
                .singleElement()
                .asString()
                .contains("rmb-vm is running")
                .contains("allow_running: true");
        BenchPlan allowed =
                BenchPlan.of(
                        spec(Map.of("domain", "rmb-vm", "allow_running", true)),
                        host(vda("io_uring"), FILE, true, Map.of()));
        assertThat(allowed.jobs()).hasSize(6);
    }

    @Test
    void aMissingPathFailsNamingHostAndPath() {
        PathFacts missing =
                new PathFacts("/nope.img", "missing", 0, "/nope.img", "", Optional.empty());
        BenchPlan p =
                BenchPlan.of(
                        spec(Map.of("path", "/nope.img")),
                        host(Disk.ofPath("/nope.img", "raw"), missing, false, Map.of()));
        assertThat(p.jobs()).isEmpty();
        assertThat(p.failures())
                .singleElement()
                .asString()
                .contains("/nope.img does not exist on hv1");
    }

    @Test
    void noODirectFailsWithDdsReason() {
        String dd = Captures.read("dd-no-odirect.txt").strip();
        PathFacts p =
                PathFacts.parse(
                        "path /proc/version\nkind file\nsize 4096\nreal /proc/version\ndirect "
                                + dd
                                + "\n");
        BenchPlan plan =
                BenchPlan.of(
                        spec(Map.of("path", "/proc/version")),
                        host(Disk.ofPath("/proc/version", "raw"), p, false, Map.of()));
        assertThat(plan.failures())
                .singleElement()
                .asString()
                .contains("/proc/version on hv1 cannot be opened with O_DIRECT")
                .contains("Invalid argument");
    }

    @Test
    void writingToADiskADomainUsesIsRefusedEvenWithBothFlags() {
        Map<String, Object> w = Map.of("path", FILE.path(), "write", true, "allow_write", true);
        BenchPlan p =
                BenchPlan.of(
                        spec(w),
                        host(
                                Disk.ofPath(FILE.path(), "raw"),
                                FILE,
                                false,
                                Map.of(FILE.path(), "db1")));
        assertThat(p.failures())
                .singleElement()
                .asString()
                .contains("refused to write")
                .contains("domain db1 uses it");
        BenchPlan dom =
                BenchPlan.of(
                        spec(Map.of("domain", "rmb-vm", "write", true, "allow_write", true)),
                        host(vda("native"), FILE, false, Map.of()));
        assertThat(dom.failures()).singleElement().asString().contains("disk of domain rmb-vm");
        BenchPlan free =
                BenchPlan.of(
                        spec(w),
                        host(
                                Disk.ofPath(FILE.path(), "raw"),
                                FILE,
                                false,
                                Map.of("/other", "db1")));
        assertThat(free.failures()).isEmpty();
        assertThat(free.jobs()).hasSize(6);
    }

    @Test
    void aWriteIsRefusedWhenTheDomainsCouldNotBeListed() {
        HostFacts f =
                new HostFacts(
                        "hv1",
                        EnumSet.allOf(Tool.class),
                        0,
                        false,
                        List.of(Disk.ofPath(FILE.path(), "raw")),
                        List.of(FILE),
                        Map.of(),
                        false);
        BenchPlan p =
                BenchPlan.of(
                        spec(Map.of("path", FILE.path(), "write", true, "allow_write", true)), f);
        assertThat(p.failures()).singleElement().asString().contains("could not be listed");
    }

    @Test
    void missingToolsFailNamingTheHostAndThePackage() {
        HostFacts f =
                new HostFacts(
                        "hv1",
                        EnumSet.noneOf(Tool.class),
                        0,
                        false,
                        List.of(Disk.ofPath(FILE.path(), "raw")),
                        List.of(FILE),
                        Map.of(),
                        true);
        BenchPlan p = BenchPlan.of(spec(Map.of("path", FILE.path(), "tool", "fio")), f);
        assertThat(p.failures())
                .containsExactly(
                        "qemu-img not found on hv1: install qemu-utils (Debian/Ubuntu) or qemu-img (EL)",
                        "fio not found on hv1 (tool: fio was asked for): install the fio package, or drop tool: fio to bench with qemu-img alone");
    }

    @Test
    void disabledIoUringIsLeftOutWithANote() {
        HostFacts f =
                new HostFacts(
                        "hv1",
                        EnumSet.of(Tool.QEMU_IMG),
                        2,
                        false,
                        List.of(Disk.ofPath(FILE.path(), "raw")),
                        List.of(FILE),
                        Map.of(),
                        true);
        BenchPlan p = BenchPlan.of(spec(Map.of("path", FILE.path())), f);
        assertThat(p.jobs()).extracting(j -> j.mode().id()).containsExactly("native", "threads");
        assertThat(p.notes()).singleElement().asString().contains("io_uring_disabled = 2");
    }

    @Test
    void aSparseFileIsBenchedWithANoteThatItsFiguresOverstate() {
        PathFacts sparse =
                PathFacts.parse(
                        "path /var/tmp/rmb.img\nkind file\nsize 134217728\nalloc 4096\n"
                                + "real /var/tmp/rmb.img\ndirect ok\n");
        BenchPlan p =
                BenchPlan.of(
                        spec(Map.of("path", FILE.path())),
                        host(Disk.ofPath(FILE.path(), "raw"), sparse, false, Map.of()));
        assertThat(p.jobs()).hasSize(6);
        assertThat(p.notes())
                .singleElement()
                .asString()
                .contains("is sparse: 0 of 128 MiB allocated");
    }

    @Test
    void anEmptyQcow2IsSparseAndFioLeavesItAlone() {
        PathFacts q =
                PathFacts.parse(
                        "path /i/os.qcow2\nkind file\nsize 196616\nalloc 200704\nvsize 67108864\n"
                                + "real /i/os.qcow2\ndirect ok\n");
        Disk d =
                new Disk(
                        "vda",
                        Optional.of("/i/os.qcow2"),
                        Optional.empty(),
                        Optional.empty(),
                        "qcow2",
                        Optional.of("io_uring"),
                        Optional.empty());
        BenchPlan p = BenchPlan.of(spec(Map.of("domain", "rmb-vm")), host(d, q, false, Map.of()));
        assertThat(p.jobs()).allMatch(j -> j.tool() == Tool.QEMU_IMG).hasSize(3);
        assertThat(p.notes())
                .containsExactly(
                        "vda (/i/os.qcow2) is sparse: 0 of 64 MiB allocated; reads of holes never reach the drive, so its "
                                + "figures overstate the storage",
                        "fio skipped for vda: it would read the qcow2 file itself, not the disk the guest sees (qemu-img bench "
                                + "reads through the format)");
    }

    @Test
    void aCdromIsANoteNotAFailure() throws Exception {
        Disk cdrom = DomainDisks.parse(DomainDisksTest.XML).get(4);
        BenchPlan p =
                BenchPlan.of(spec(Map.of("domain", "rmb-vm")), host(cdrom, FILE, false, Map.of()));
        assertThat(p.failures()).isEmpty();
        assertThat(p.notes()).containsExactly("skipped sda is a cdrom, not a disk");
    }
}
