package io.ringmaster.builtin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plan: a pure function of the arguments and the host's facts. Safety refusals and missing
 * prerequisites are failures (each naming the host and the path); disks that must be left alone are
 * notes.
 */
record BenchPlan(List<Job> jobs, List<String> failures, List<String> notes) {

    static BenchPlan of(BenchSpec spec, HostFacts f) {
        List<String> failures = new ArrayList<>(toolFailures(spec, f));
        List<String> notes = new ArrayList<>();
        List<Mode> modes = modes(spec, f, notes);
        List<Tool> tools = new ArrayList<>(List.of(Tool.QEMU_IMG));
        if (spec.wantsFio(f.tools().contains(Tool.FIO))) {
            tools.add(Tool.FIO);
        }
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < f.targets().size(); i++) {
            Disk d = f.targets().get(i);
            if (d.skipNote().isPresent()) {
                notes.add("skipped " + d.skipNote().get());
                continue;
            }
            if (f.domainRunning() && !spec.allowRunning()) {
                notes.add(
                        "skipped "
                                + d.name()
                                + " ("
                                + d.where()
                                + "): domain "
                                + spec.domain().orElse("")
                                + " is running and a benchmark competes with the guest's I/O; give allow_running: true to bench it anyway");
                continue;
            }
            Optional<String> problem = diskProblem(spec, f, d, f.facts().get(i));
            if (problem.isPresent()) {
                failures.add(problem.get());
                continue;
            }
            jobs.addAll(jobs(d, f.facts().get(i), tools, modes, notes));
        }
        return new BenchPlan(failures.isEmpty() ? jobs : List.of(), failures, notes);
    }

    /**
     * Every tool and mode for one disk; fio only for raw images (it reads the file, not the guest's
     * disk).
     */
    private static List<Job> jobs(
            Disk d, PathFacts p, List<Tool> tools, List<Mode> modes, List<String> notes) {
        if (p.sparse()) {
            notes.add(
                    d.name()
                            + " ("
                            + p.path()
                            + ") is sparse: "
                            + p.allocated() / 1048576
                            + " of "
                            + p.diskSize() / 1048576
                            + " MiB allocated; reads of holes never reach the drive, so its figures "
                            + "overstate the storage");
        }
        boolean raw = d.format().equals("raw");
        if (tools.contains(Tool.FIO) && !raw) {
            notes.add(
                    "fio skipped for "
                            + d.name()
                            + ": it would read the "
                            + d.format()
                            + " file itself, not the disk the guest sees (qemu-img bench reads through the format)");
        }
        List<Job> out = new ArrayList<>();
        for (Tool t : tools) {
            if (t == Tool.FIO && !raw) {
                continue;
            }
            for (Mode m : modes) {
                out.add(new Job(d, p, t, m));
            }
        }
        return out;
    }

    private static List<String> toolFailures(BenchSpec spec, HostFacts f) {
        List<String> out = new ArrayList<>();
        if (!f.tools().contains(Tool.QEMU_IMG)) {
            out.add(
                    "qemu-img not found on "
                            + f.host()
                            + ": install qemu-utils (Debian/Ubuntu) or qemu-img (EL)");
        }
        if (spec.tool().equals("fio") && !f.tools().contains(Tool.FIO)) {
            out.add(
                    "fio not found on "
                            + f.host()
                            + " (tool: fio was asked for): install the fio package, "
                            + "or drop tool: fio to bench with qemu-img alone");
        }
        return out;
    }

    private static List<Mode> modes(BenchSpec spec, HostFacts f, List<String> notes) {
        if (f.ioUringDisabled() <= 0 || !spec.modes().contains(Mode.IO_URING)) {
            return spec.modes();
        }
        notes.add(
                "io_uring not benched: it is disabled on "
                        + f.host()
                        + " (kernel.io_uring_disabled = "
                        + f.ioUringDisabled()
                        + "); set it to 0 with 'sysctl -w kernel.io_uring_disabled=0'");
        return spec.modes().stream().filter(m -> m != Mode.IO_URING).toList();
    }

    private static Optional<String> diskProblem(BenchSpec spec, HostFacts f, Disk d, PathFacts p) {
        String at = " on " + f.host();
        if (p.resolveError().isPresent()) {
            return Optional.of(d.where() + at + " has no path: " + p.resolveError().get());
        }
        String path = p.path();
        switch (p.kind()) {
            case "missing":
                return Optional.of(
                        path
                                + " does not exist"
                                + at
                                + ": give an existing image file or block device");
            case "other":
                return Optional.of(path + at + " is neither a regular file nor a block device");
            default:
                break;
        }
        if (p.size() < spec.blockSize()) {
            return Optional.of(
                    path
                            + at
                            + " holds "
                            + p.size()
                            + " bytes, less than one block of "
                            + spec.blockSize()
                            + ": nothing to read");
        }
        if (!p.directOk()) {
            return Optional.of(
                    path
                            + at
                            + " cannot be opened with O_DIRECT ("
                            + p.direct()
                            + "): qemu-img -t none "
                            + "and fio --direct=1 bypass the page cache; bench a file on a file system that supports it");
        }
        return spec.writes() ? writeProblem(spec, f, d, p) : Optional.empty();
    }

    private static Optional<String> writeProblem(BenchSpec spec, HostFacts f, Disk d, PathFacts p) {
        String refused = "refused to write to " + p.path() + " on " + f.host() + ": ";
        if (spec.domain().isPresent()) {
            return Optional.of(
                    refused
                            + "it is a disk of domain "
                            + spec.domain().get()
                            + "; storage_bench never writes to a disk a defined domain uses (drop write: true)");
        }
        if (!f.inUseKnown()) {
            return Optional.of(
                    refused
                            + "the defined domains could not be listed (virsh -c "
                            + spec.uri()
                            + "), so it cannot tell whether a domain uses it");
        }
        String user = f.inUse().get(p.realPath());
        return user == null
                ? Optional.empty()
                : Optional.of(
                        refused
                                + "domain "
                                + user
                                + " uses it; storage_bench never writes to a disk a defined domain uses");
    }
}
