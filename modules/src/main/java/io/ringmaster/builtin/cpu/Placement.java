package io.ringmaster.builtin.cpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one VM runs: a cpuset per vCPU, the emulator threads' cpuset, a cpuset per IOThread, its
 * NUMA node and the nodes its memory is bound to ({@code <numatune>}).
 */
public record Placement(
        List<String> vcpuPins,
        String emulatorCpuset,
        List<String> iothreadPins,
        int numaNode,
        String memoryNodeset) {

    public Placement {
        vcpuPins = List.copyOf(vcpuPins);
        iothreadPins = List.copyOf(iothreadPins);
    }

    /** The plan entry as site.yml reads it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vcpu_pins", vcpuPins);
        m.put("emulator_cpuset", emulatorCpuset);
        m.put("iothread_pins", iothreadPins);
        m.put("numa_node", numaNode);
        m.put("memory_nodeset", memoryNodeset);
        return m;
    }
}
