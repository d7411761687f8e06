package io.ringmaster.builtin.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Described hosts for the planner's tests. */
final class Hosts {
    private Hosts() {}

    /**
     * Node {@code id} with {@code cores} cores starting at CPU {@code first}; with SMT the sibling
     * is CPU + {@code smtOffset}.
     */
    static Topology.Node node(int id, long memoryMib, int first, int cores, int smtOffset) {
        List<List<Integer>> cs = new ArrayList<>();
        for (int c = first; c < first + cores; c++) {
            cs.add(smtOffset > 0 ? List.of(c, c + smtOffset) : List.of(c));
        }
        return new Topology.Node(id, memoryMib, cs);
    }

    /** 1 node, 8 cores, no SMT, 32 GiB. */
    static Topology oneNodeNoSmt() {
        return new Topology(List.of(node(0, 32768, 0, 8, 0)), Map.of());
    }

    /**
     * 2 sockets x 8 cores x 2 threads (node 0: CPUs 0-7,16-23; node 1: 8-15,24-31), 64 GiB each,
     * NVMe on node 1.
     */
    static Topology twoSocketsSmtNvmeOnNode1() {
        return new Topology(
                List.of(node(0, 65536, 0, 8, 16), node(1, 65536, 8, 8, 16)),
                Map.of(
                        "/dev/nvme0n1",
                        1,
                        "/dev/disk/by-id/nvme-SAMSUNG_MZQL23T8HCLS-00A07_S64HNE0T500001",
                        1,
                        "/dev/sda",
                        0,
                        "/",
                        0,
                        "/srv/nvme",
                        1));
    }

    /** 4 nodes x 4 cores, no SMT, 16 GiB each. */
    static Topology fourNodes() {
        return new Topology(
                List.of(
                        node(0, 16384, 0, 4, 0),
                        node(1, 16384, 4, 4, 0),
                        node(2, 16384, 8, 4, 0),
                        node(3, 16384, 12, 4, 0)),
                Map.of());
    }

    /** The lab machine: 1 node, CPUs 0 and 1, no SMT. */
    static Topology lab() {
        return new Topology(List.of(node(0, 4825, 0, 2, 0)), Map.of());
    }
}
