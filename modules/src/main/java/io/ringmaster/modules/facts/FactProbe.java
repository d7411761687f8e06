package io.ringmaster.modules.facts;

import io.ringmaster.modules.support.Sections;

import io.ringmaster.module.api.Shell;
import io.ringmaster.modules.support.Sections.Section;
import io.ringmaster.modules.support.Version;
import io.ringmaster.modules.support.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.w3c.dom.Element;

/**
 * The host facts that matter for io_uring tuning, gathered by ONE remote exec of a short POSIX sh script, and
 * parsed from its sections. A missing tool is a fact (an empty version), never a failure.
 */
public final class FactProbe {
    /** The libvirt URI used when the host has no {@code libvirt_uri} variable. */
    public static final String DEFAULT_URI = "qemu:///system";

    private FactProbe() {
    }

    /** The script gathering every fact; {@code uri} is the libvirt connection URI. */
    public static Sections script(String uri) {
        Sections s = Sections.script();
        s.raw("U=" + Shell.quote(uri) + "; LC_ALL=C; export LC_ALL");
        s.section("kernel", "uname -r");
        s.section("hostname", "hostname 2>/dev/null || uname -n");
        s.section("memtotal", "grep '^MemTotal:' /proc/meminfo");
        s.section("nproc", "nproc 2>/dev/null || getconf _NPROCESSORS_ONLN");
        s.section("io_uring_disabled", "cat /proc/sys/kernel/io_uring_disabled 2>/dev/null");
        s.section("kvm", "test -e /dev/kvm");
        s.section("qemu", "q=; for c in qemu-system-x86_64 /usr/libexec/qemu-kvm /usr/bin/qemu-kvm; do"
                + " if command -v \"$c\" >/dev/null 2>&1; then q=$c; break; fi; done;"
                + " if [ -n \"$q\" ]; then \"$q\" --version; else (exit 127); fi");
        s.section("virsh_version", "virsh -c \"$U\" version --daemon");
        // placement facts from /sys (cpu_plan): NUMA nodes, cores with their SMT siblings, isolated CPUs, device nodes
        SysTopology.sections(s, "");
        OsFacts.script(s);
        s.section("capabilities", "c=$(virsh -c \"$U\" capabilities) && printf '%s\\n' \"$c\" | sed -n '/<host>/,/<\\/host>/p'");
        return s;
    }

    /** Facts from the parsed sections; never a null value. */
    public static Map<String, Object> parse(Map<String, Section> sec, String uri) {
        Map<String, Object> f = new LinkedHashMap<>();
        String kernel = Sections.okText(sec, "kernel").orElse("").trim();
        f.put("hostname", Sections.okText(sec, "hostname").orElse("").trim());
        f.put("kernel", kernel);
        f.put("kernel_version", Version.kernel(kernel).map(Version::number).orElse(""));
        f.put("memtotal_mb", memTotalMb(Sections.okText(sec, "memtotal").orElse("")));
        f.put("processor_count", intOr(Sections.okText(sec, "nproc").orElse(""), 0));
        f.put("io_uring_disabled", intOr(Sections.okText(sec, "io_uring_disabled").orElse("0"), 0));
        Section kvm = sec.get("kvm");
        f.put("kvm_present", kvm != null && kvm.ok());
        Optional<String> virshVersion = Sections.okText(sec, "virsh_version");
        // the QEMU binary on the host's PATH; without one (a client-only box reaching a remote or shared libvirtd),
        // the QEMU that libvirtd reports running ("Running hypervisor: QEMU x.y.z")
        Optional<String> qemuBinary = Sections.okText(sec, "qemu").flatMap(Version::qemu).map(Version::number);
        Optional<String> qemuLibvirt = virshVersion.flatMap(Version::hypervisor).map(Version::number);
        f.put("qemu_version", qemuBinary.or(() -> qemuLibvirt).orElse(""));
        f.put("qemu_version_source", qemuBinary.isPresent() ? "binary" : qemuLibvirt.isPresent() ? "libvirt" : "");
        f.put("libvirt_uri", uri);
        f.put("libvirt_reachable", virshVersion.isPresent());
        f.put("libvirt_version", virshVersion.flatMap(Version::libvirt).map(Version::number).orElse(""));
        f.put("libvirt_hypervisor_version", virshVersion.flatMap(Version::hypervisor).map(Version::number).orElse(""));
        putTopology(f, Sections.okText(sec, "capabilities").orElse(""));
        SysTopology.put(f, sec, (Long) f.get("memtotal_mb"));
        OsFacts.parse(sec, f);
        return f;
    }

    static long memTotalMb(String line) {
        String digits = line.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return 0;
        }
        long kb = Long.parseLong(digits);
        return line.contains("kB") || line.contains("KB") ? kb / 1024 : kb / (1024 * 1024);
    }

    static int intOr(String text, int fallback) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** CPU topology and NUMA cells from the {@code <host>} part of {@code virsh capabilities}. */
    static void putTopology(Map<String, Object> f, String hostXml) {
        int sockets = 0;
        int cores = 0;
        int threads = 0;
        List<Map<String, Object>> nodes = new ArrayList<>();
        TreeSet<Integer> all = new TreeSet<>();
        if (!hostXml.isBlank()) {
            try {
                Element host = Xml.parse(hostXml).getDocumentElement();
                Element topo = Xml.path(host, "cpu/topology");
                if (topo != null) {
                    sockets = intOr(topo.getAttribute("sockets"), 0);
                    cores = intOr(topo.getAttribute("cores"), 0);
                    threads = intOr(topo.getAttribute("threads"), 0);
                }
                Element cells = Xml.path(host, "topology/cells");
                if (cells != null) {
                    for (Element cell : Xml.children(cells, "cell")) {
                        List<Integer> cpus = new ArrayList<>();
                        Element cpusEl = Xml.child(cell, "cpus");
                        if (cpusEl != null) {
                            for (Element cpu : Xml.children(cpusEl, "cpu")) {
                                int id = intOr(cpu.getAttribute("id"), -1);
                                if (id >= 0) {
                                    cpus.add(id);
                                    all.add(id);
                                }
                            }
                        }
                        Map<String, Object> node = new LinkedHashMap<>();
                        node.put("id", intOr(cell.getAttribute("id"), nodes.size()));
                        node.put("cpus", List.copyOf(cpus));
                        nodes.add(node);
                    }
                }
            } catch (Xml.XmlException e) {
                // an unparsable capabilities document leaves the topology facts at their empty values
            }
        }
        f.put("cpu_sockets", sockets);
        f.put("cpu_cores", cores);
        f.put("cpu_threads", threads);
        f.put("numa_nodes", List.copyOf(nodes));
        f.put("host_cpus", List.copyOf(all));
    }
}
