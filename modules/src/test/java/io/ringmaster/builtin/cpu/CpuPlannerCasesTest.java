package io.ringmaster.builtin.cpu;

import static io.ringmaster.builtin.cpu.CpuPlannerTest.input;
import static io.ringmaster.builtin.cpu.CpuPlannerTest.planned;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A host too small, overcommit, stability under append and removal, explicit pins, kept and
 * re-planned placements.
 */
class CpuPlannerCasesTest {

    static final Topology TWO = Hosts.twoSocketsSmtNvmeOnNode1();

    static List<VmRequest> fleet(int n) {
        List<VmRequest> vms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vms.add(
                    VmRequest.of(
                            "vm" + i,
                            1 + i % 3,
                            2048,
                            1,
                            i % 2 == 0 ? CpuPlannerTest.NVME : "/var/lib/x.qcow2"));
        }
        return vms;
    }

    @Test
    void aHostTooSmallFailsNamingTheVmWhatItNeedsAndWhatIsFree() {
        List<VmRequest> vms =
                List.of(VmRequest.of("small", 2, 1024, 1), VmRequest.of("huge", 12, 4096, 1));
        PlanOutcome o = CpuPlanner.plan(input(Hosts.oneNodeNoSmt(), "0", vms, Map.of()));
        assertThat(o).isInstanceOf(PlanOutcome.Refused.class);
        assertThat(((PlanOutcome.Refused) o).message())
                .startsWith(
                        "VM 'huge' does not fit: it needs 12 whole cores (12 vCPUs) and 4096 MiB on one NUMA node")
                .contains(
                        "free: node 0: 4 free cores (CPUs 3-6), 31744 of 32768 MiB; IOThread cores: 7 (reserved)")
                .contains("overcommit: true");
    }

    @Test
    void aVmBiggerThanTheNodeOfItsNvmeFailsEvenWhenTheOtherNodeHasRoom() {
        List<VmRequest> vms = List.of(VmRequest.of("kafka", 18, 8192, 1, CpuPlannerTest.NVME));
        PlanOutcome o = CpuPlanner.plan(input(TWO, "0,16", vms, Map.of()));
        assertThat(((PlanOutcome.Refused) o).message())
                .contains(
                        "VM 'kafka' does not fit: it needs 9 whole cores "
                                + "(18 vCPUs, 2 threads per core) and 8192 MiB on one NUMA node (node 1, where its disks are)")
                .contains("node 1: 8 free cores (CPUs 8-15,24-31), 65536 of 65536 MiB");
    }

    @Test
    void memoryCountsToo() {
        List<VmRequest> vms =
                List.of(
                        VmRequest.of("a", 1, 40000, 1),
                        VmRequest.of("b", 1, 40000, 1),
                        VmRequest.of("c", 1, 40000, 1));
        PlanOutcome o = CpuPlanner.plan(input(TWO, "0,16", vms, Map.of()));
        assertThat(((PlanOutcome.Refused) o).message())
                .startsWith("VM 'c' does not fit")
                .contains("25536 of 65536 MiB");
    }

    @Test
    void overcommitSharesCoresDeliberatelyAndSaysSo() {
        List<VmRequest> vms = List.of(VmRequest.of("a", 1, 128, 1), VmRequest.of("b", 2, 128, 1));
        PlanInput in =
                new PlanInput(Hosts.lab(), CpuSet.parse("0"), vms, Map.of(), Map.of(), true, true);
        PlanOutcome.Planned p = planned(in);
        assertThat(p.plan().get("a").vcpuPins()).containsExactly("1");
        assertThat(p.plan().get("b").vcpuPins()).containsExactly("1", "1");
        assertThat(p.notes())
                .anySatisfy(
                        n ->
                                assertThat(n)
                                        .startsWith("b: overcommit: 2 vCPUs share CPUs 1 with a"));
        assertThat(p.free()).isEmpty();
    }

    @Test
    void appendingVmsNeverMovesTheOthers() {
        PlanOutcome.Planned before = planned(input(TWO, "0,16", fleet(4), Map.of()));
        PlanOutcome.Planned after = planned(input(TWO, "0,16", fleet(6), before.plan()));
        before.plan()
                .forEach((name, pl) -> assertThat(after.plan().get(name)).as(name).isEqualTo(pl));
        CpuPlannerTest.Rules.check(input(TWO, "0,16", fleet(6), before.plan()), after);
        // without the current placements, the vCPUs still do not move (earlier VMs choose first)
        PlanOutcome.Planned fresh = planned(input(TWO, "0,16", fleet(6), Map.of()));
        before.plan()
                .forEach(
                        (name, pl) ->
                                assertThat(fresh.plan().get(name).vcpuPins())
                                        .as(name)
                                        .isEqualTo(pl.vcpuPins()));
    }

    @Test
    void removingAVmNeverMovesTheRest() {
        PlanOutcome.Planned all = planned(input(TWO, "0,16", fleet(6), Map.of()));
        List<VmRequest> fewer = new ArrayList<>(fleet(6));
        fewer.remove(2);
        fewer.remove(0);
        Map<String, Placement> current = new LinkedHashMap<>(all.plan());
        current.remove("vm0");
        current.remove("vm2");
        PlanInput in = input(TWO, "0,16", fewer, current);
        PlanOutcome.Planned after = planned(in);
        fewer.forEach(
                vm ->
                        assertThat(after.plan().get(vm.name()))
                                .as(vm.name())
                                .isEqualTo(all.plan().get(vm.name())));
        CpuPlannerTest.Rules.check(in, after);
        assertThat(after.free()).hasSizeGreaterThan(all.free().size());
        // and the freed cores go to the next VM
        List<VmRequest> plusOne = new ArrayList<>(fewer);
        plusOne.add(VmRequest.of("new", 2, 1024, 1, CpuPlannerTest.NVME));
        PlanOutcome.Planned again = planned(input(TWO, "0,16", plusOne, after.plan()));
        fewer.forEach(
                vm ->
                        assertThat(again.plan().get(vm.name()))
                                .as(vm.name())
                                .isEqualTo(all.plan().get(vm.name())));
        assertThat(Planning.union(again.plan().get("new").vcpuPins()))
                .isSubsetOf(Planning.union(List.of("8-15,24-31")));
    }

    @Test
    void appendingToAFullHostFailsAndNamesTheCoresHeldByIothreads() {
        PlanOutcome.Planned six = planned(input(TWO, "0,16", fleet(6), Map.of()));
        PlanOutcome o = CpuPlanner.plan(input(TWO, "0,16", fleet(9), six.plan()));
        assertThat(((PlanOutcome.Refused) o).message())
                .startsWith("VM 'vm7' does not fit")
                .contains("node 1: 0 free cores")
                .contains("IOThread cores: ");
    }

    @Test
    void explicitPinsWinAndOthersAvoidThem() {
        VmRequest pinned =
                new VmRequest(
                        "pg",
                        2,
                        1024,
                        2,
                        List.of(),
                        List.of("1", "17"),
                        Optional.of("0"),
                        List.of("2", "18"));
        List<VmRequest> vms = List.of(VmRequest.of("a", 2, 1024, 1), pinned);
        PlanOutcome.Planned p = planned(input(TWO, "0,16", vms, Map.of()));
        assertThat(p.plan().get("pg"))
                .isEqualTo(new Placement(List.of("1", "17"), "0", List.of("2", "18"), 0, "0"));
        assertThat(Planning.union(p.plan().get("a").vcpuPins())).doesNotContain(1, 17, 2, 18);
    }

    @Test
    void aPlacementBreakingTheRulesIsReplannedAndSaysWhy() {
        // the old naive site.yml: vCPU i on CPU i+1 for every VM, so a and b share cores and b
        // spans nodes
        Map<String, Placement> naive =
                Map.of(
                        "a", new Placement(List.of("1", "2"), "0", List.of("0"), 0, "0"),
                        "b", new Placement(List.of("1", "9"), "0", List.of("0"), 0, "0"));
        List<VmRequest> vms = List.of(VmRequest.of("a", 2, 1024, 1), VmRequest.of("b", 2, 1024, 1));
        PlanInput in = input(TWO, "0,16", vms, naive);
        PlanOutcome.Planned p = planned(in);
        assertThat(p.plan().get("a").vcpuPins()).containsExactly("1", "2");
        assertThat(p.notes()).contains("b: placement re-planned: its vCPUs span NUMA nodes 0-1");
        CpuPlannerTest.Rules.check(in, p);
    }

    @Test
    void otherDomainsKeepTheirCores() {
        Map<String, Placement> others =
                Map.of("legacy", new Placement(List.of("8", "24"), "0", List.of(), 1, "1"));
        PlanInput in =
                new PlanInput(
                        TWO,
                        CpuSet.parse("0,16"),
                        List.of(VmRequest.of("k", 2, 1024, 1, CpuPlannerTest.NVME)),
                        Map.of(),
                        others,
                        false,
                        true);
        assertThat(planned(in).plan().get("k").vcpuPins()).containsExactly("9", "25");
    }

    @Test
    void sharedIothreadsWhenDedicatedCoresAreTurnedOff() {
        List<VmRequest> vms = List.of(VmRequest.of("a", 1, 128, 1), VmRequest.of("b", 1, 128, 2));
        PlanInput in =
                new PlanInput(
                        Hosts.oneNodeNoSmt(),
                        CpuSet.parse("0"),
                        vms,
                        Map.of(),
                        Map.of(),
                        false,
                        false);
        PlanOutcome.Planned p = planned(in);
        assertThat(p.plan().get("a").iothreadPins()).containsExactly("7");
        assertThat(p.plan().get("b").iothreadPins()).containsExactly("7", "7");
        assertThat(p.notes())
                .contains(
                        "b: IOThreads share the IOThread core 7 of a (no free core left on node 0)");
    }

    @Test
    void defaultHousekeepingIsTheFirstCoreOrTheNonIsolatedCpus() {
        assertThat(PlanInput.defaultHousekeeping(TWO, new java.util.TreeSet<>()))
                .containsExactly(0, 16);
        assertThat(PlanInput.defaultHousekeeping(Hosts.oneNodeNoSmt(), CpuSet.parse("2-7")))
                .containsExactly(0, 1);
    }

    @Test
    void cpuSetsParseAndFormatAsLibvirtDoes() {
        assertThat(CpuSet.format(CpuSet.parse("0-5,^4,8, 9"))).isEqualTo("0-3,5,8-9");
        assertThat(CpuSet.format(CpuSet.parse("7,23"))).isEqualTo("7,23");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CpuSet.parse("1-x"))
                .hasMessageContaining("'1-x' is not a CPU list");
    }
}
