package io.ringmaster.builtin.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One VM to place, read from the {@code kvm_vms} shape. {@code iothreads} is how many IOThreads it
 * gets; {@code explicit*} are the values the VM gives itself (they win over the plan; empty when
 * not given).
 */
public record VmRequest(
        String name,
        int vcpus,
        long memoryMib,
        int iothreads,
        List<String> diskPaths,
        List<String> explicitVcpuPins,
        Optional<String> explicitEmulator,
        List<String> explicitIothreadPins) {

    public VmRequest {
        diskPaths = List.copyOf(diskPaths);
        explicitVcpuPins = List.copyOf(explicitVcpuPins);
        explicitIothreadPins = List.copyOf(explicitIothreadPins);
    }

    /** A VM with nothing explicit (tests and hand-made plans). */
    public static VmRequest of(
            String name, int vcpus, long memoryMib, int iothreads, String... disks) {
        return new VmRequest(
                name,
                vcpus,
                memoryMib,
                iothreads,
                List.of(disks),
                List.of(),
                Optional.empty(),
                List.of());
    }

    /**
     * Reads one {@code kvm_vms} entry. A disk is {@code path}, or {@code volume} of the default
     * pool, which lives in {@code poolPath} (when known). {@code iothreads}: the size of the VM's
     * list, else the highest disk {@code iothread}, else 1 (site.yml gives every VM one IOThread).
     */
    public static VmRequest fromMap(Map<?, ?> vm, Optional<String> poolPath) {
        String name = String.valueOf(vm.get("name"));
        int vcpus = positive(vm.get("vcpus"), name, "vcpus");
        long memory =
                vm.get("memory_mib") == null
                        ? 0
                        : positive(vm.get("memory_mib"), name, "memory_mib");
        List<String> paths = new ArrayList<>();
        int highest = 0;
        for (Object o : vm.get("disks") instanceof List<?> l ? l : List.of()) {
            if (o instanceof Map<?, ?> d) {
                diskPath(d, poolPath).ifPresent(paths::add);
                highest =
                        Math.max(
                                highest,
                                d.get("iothread") == null
                                        ? 0
                                        : positive(d.get("iothread"), name, "iothread"));
            }
        }
        List<String> pins = strings(vm.get("vcpu_pins"));
        if (!pins.isEmpty() && pins.size() != vcpus) {
            throw new IllegalArgumentException(
                    "VM '"
                            + name
                            + "' has "
                            + vcpus
                            + " vcpus but "
                            + pins.size()
                            + " vcpu_pins: give one cpuset per vCPU, or none to let cpu_plan place it");
        }
        List<String> ioPins = new ArrayList<>();
        int iothreads = Math.max(1, highest);
        if (vm.get("iothreads") instanceof List<?> ts && !ts.isEmpty()) {
            iothreads = ts.size();
            ts.forEach(t -> cpuset(t).ifPresent(ioPins::add));
        }
        Optional<String> emulator =
                Optional.ofNullable(vm.get("emulator_cpuset"))
                        .map(String::valueOf)
                        .filter(s -> !s.isBlank());
        return new VmRequest(
                name,
                vcpus,
                memory,
                iothreads,
                paths,
                pins,
                emulator,
                ioPins.size() == iothreads ? ioPins : List.of());
    }

    private static Optional<String> diskPath(Map<?, ?> d, Optional<String> poolPath) {
        if (d.get("path") != null) {
            return Optional.of(String.valueOf(d.get("path")));
        }
        if (d.get("volume") != null && d.get("pool") == null) {
            return poolPath.map(p -> p.replaceAll("/+$", "") + "/" + d.get("volume"));
        }
        return Optional.empty();
    }

    private static Optional<String> cpuset(Object t) {
        return t instanceof Map<?, ?> m
                        && m.get("cpuset") != null
                        && !String.valueOf(m.get("cpuset")).isBlank()
                ? Optional.of(String.valueOf(m.get("cpuset")))
                : Optional.empty();
    }

    private static List<String> strings(Object v) {
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().map(String::valueOf).toList();
    }

    private static int positive(Object v, String vm, String field) {
        String s = String.valueOf(v).trim();
        if (!s.matches("\\d+") || Long.parseLong(s) < 1 || Long.parseLong(s) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "VM '" + vm + "': " + field + " must be a positive number, not '" + v + "'");
        }
        return Integer.parseInt(s);
    }
}
