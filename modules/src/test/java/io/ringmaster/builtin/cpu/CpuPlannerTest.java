package io.ringmaster.builtin.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner on described hosts, as a table: each row is a host, its housekeeping CPUs and VMs,
 * and the placements expected. Every row is also checked against every rule (whole cores, one node,
 * disks' node, IOThreads on CPUs no vCPU uses, emulator on housekeeping, memory bound to the node,
 * free CPUs) and for determinism.
 */
class CpuPlannerTest {

    static final String NVME = "/dev/disk/by-id/nvme-SAMSUNG_MZQL23T8HCLS-00A07_S64HNE0T500001";

    record Row(
            String name,
            Topology host,
            String housekeeping,
            List<VmRequest> vms,
            Map<String, String> expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code expect}: VM name to "vcpus|iothreads|node" (cpusets joined with space). */
    static Stream<Row> rows() {
        return Stream.of(
                new Row(
                        "1 node without SMT: whole cores in order, dedicated IOThread cores from the top",
                        Hosts.oneNodeNoSmt(),
                        "0",
                        List.of(VmRequest.of("a", 2, 4096, 1), VmRequest.of("b", 3, 4096, 1)),
                        Map.of("a", "1 2|7|0", "b", "3 4 5|6|0")),
                new Row(
                        "2 nodes with SMT: siblings together, VM with NVMe on node 1, others spread",
                        Hosts.twoSocketsSmtNvmeOnNode1(),
                        "0,16",
                        List.of(
                                VmRequest.of("kafka", 4, 32768, 2, NVME),
                                VmRequest.of("web", 2, 4096, 1, "/var/lib/x.qcow2"),
                                VmRequest.of("pg", 3, 16384, 1, "/srv/nvme/pg.raw")),
                        Map.of(
                                "kafka",
                                "8 24 9 25|15,31 15,31|1",
                                "web",
                                "1 17|7,23|0",
                                "pg",
                                "10 26 11|14,30|1")),
                new Row(
                        "4 nodes: each VM takes the emptiest node",
                        Hosts.fourNodes(),
                        "0",
                        List.of(
                                VmRequest.of("a", 2, 8192, 1),
                                VmRequest.of("b", 2, 8192, 1),
                                VmRequest.of("c", 2, 8192, 1),
                                VmRequest.of("d", 3, 8192, 1),
                                VmRequest.of("e", 1, 8192, 1)),
                        Map.of(
                                "a",
                                "4 5|7|1",
                                "b",
                                "8 9|11|2",
                                "c",
                                "12 13|15|3",
                                "d",
                                "1 2 3|0|0",
                                "e",
                                "6|7|1")),
                new Row(
                        "isolated CPUs: VMs only on the isolated ones, emulator on the rest",
                        Hosts.oneNodeNoSmt(),
                        "0-3",
                        List.of(VmRequest.of("rt", 2, 4096, 1), VmRequest.of("rt2", 1, 4096, 1)),
                        Map.of("rt", "4 5|7|0", "rt2", "6|7|0")),
                new Row(
                        "the lab (2 CPUs): the vCPU on CPU 1, the IOThread falls back to housekeeping",
                        Hosts.lab(),
                        "0",
                        List.of(VmRequest.of("lab1-db", 1, 128, 1)),
                        Map.of("lab1-db", "1|0|0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plansEachDescribedHost(Row row) {
        PlanInput in = input(row.host(), row.housekeeping(), row.vms(), Map.of());
        PlanOutcome.Planned p = planned(in);
        Map<String, String> got = new HashMap<>();
        p.plan()
                .forEach(
                        (name, pl) ->
                                got.put(
                                        name,
                                        String.join(" ", pl.vcpuPins())
                                                + "|"
                                                + String.join(" ", pl.iothreadPins())
                                                + "|"
                                                + pl.numaNode()));
        assertThat(got).isEqualTo(row.expect());
        Rules.check(in, p);
        assertThat(CpuPlanner.plan(in)).as("same input, same plan").isEqualTo(p);
    }

    static PlanInput input(
            Topology t, String hk, List<VmRequest> vms, Map<String, Placement> current) {
        return new PlanInput(t, CpuSet.parse(hk), vms, current, Map.of(), false, true);
    }

    static PlanOutcome.Planned planned(PlanInput in) {
        PlanOutcome o = CpuPlanner.plan(in);
        assertThat(o).as(String.valueOf(o)).isInstanceOf(PlanOutcome.Planned.class);
        return (PlanOutcome.Planned) o;
    }

    /** Every rule of issue 11, checked on a plan. */
    static final class Rules {
        static void check(PlanInput in, PlanOutcome.Planned p) {
            Map<List<Integer>, String> coreOwner = new HashMap<>();
            SortedSet<Integer> used = new TreeSet<>(in.housekeeping());
            for (VmRequest vm : in.vms()) {
                Placement pl = p.plan().get(vm.name());
                assertThat(pl.vcpuPins()).as(vm.name() + " pins").hasSize(vm.vcpus());
                assertThat(pl.memoryNodeset()).isEqualTo(Integer.toString(pl.numaNode()));
                SortedSet<Integer> node = in.topology().nodes().get(pl.numaNode()).cpus();
                SortedSet<Integer> vcpus = Planning.union(pl.vcpuPins());
                assertThat(node).as(vm.name() + " on one node").containsAll(vcpus);
                assertThat(vcpus)
                        .as(vm.name() + " off housekeeping")
                        .doesNotContainAnyElementsOf(in.housekeeping());
                assertThat(in.housekeeping())
                        .as("emulator on housekeeping")
                        .containsAll(CpuSet.parse(pl.emulatorCpuset()));
                for (String d : vm.diskPaths()) {
                    in.topology()
                            .nodeOfPath(d)
                            .ifPresent(
                                    n ->
                                            assertThat(pl.numaNode())
                                                    .as(vm.name() + " disk node")
                                                    .isEqualTo(n));
                }
                for (int c : vcpus) {
                    List<Integer> core =
                            in.topology().nodes().stream()
                                    .flatMap(n -> n.cores().stream())
                                    .filter(k -> k.contains(c))
                                    .findFirst()
                                    .orElseThrow();
                    String had = coreOwner.put(core, vm.name());
                    assertThat(had == null || had.equals(vm.name()))
                            .as("core " + core + " of " + vm.name() + " also " + had)
                            .isTrue();
                    used.addAll(core);
                }
            }
            for (VmRequest vm : in.vms()) {
                Placement pl = p.plan().get(vm.name());
                assertThat(pl.iothreadPins()).hasSize(vm.iothreads());
                for (int c : Planning.union(pl.iothreadPins())) {
                    assertThat(coreOwner.keySet().stream().noneMatch(k -> k.contains(c)))
                            .as("IOThread CPU " + c + " has no vCPU")
                            .isTrue();
                    assertThat(
                                    in.housekeeping().contains(c)
                                            || in.topology()
                                                    .nodes()
                                                    .get(pl.numaNode())
                                                    .cpus()
                                                    .contains(c))
                            .as(vm.name() + " IOThread on its node")
                            .isTrue();
                    used.add(c);
                }
            }
            SortedSet<Integer> free = new TreeSet<>(in.topology().cpus());
            free.removeAll(used);
            assertThat(p.free()).isEqualTo(List.copyOf(free));
        }
    }
}
