package io.ringmaster.builtin.facts;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.builtin.support.Version;
import io.ringmaster.builtin.support.VirshRead;
import io.ringmaster.module.api.Shell;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host facts that matter for io_uring tuning, gathered by ONE remote exec of a short POSIX sh
 * script, and parsed from its sections. A missing tool is a fact (an empty version), never a
 * failure.
 */
public final class FactProbe {
    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");

    /** The libvirt URI used when the host has no {@code libvirt_uri} variable. */
    public static final String DEFAULT_URI = "qemu:///system";

    /** The first QEMU binary found on the PATH, asked for its version; exit 127 without one. */
    static final String QEMU_BINARY =
            "q=; for c in qemu-system-x86_64 /usr/libexec/qemu-kvm /usr/bin/qemu-kvm; do"
                    + " if command -v \"$c\" >/dev/null 2>&1; then q=$c; break; fi; done;"
                    + " if [ -n \"$q\" ]; then \"$q\" --version; else (exit 127); fi";

    private FactProbe() {}

    /** The script gathering every fact; {@code uri} is the libvirt connection URI. */
    public static Sections script(String uri) {
        return script(uri, null);
    }

    /**
     * The script gathering every fact, carrying {@code ahead} (a later task's read on the same URI,
     * or null): its shell first, its virsh commands in the same virsh process as libvirt's version,
     * its output after the facts' sections.
     */
    public static Sections script(String uri, VirshRead ahead) {
        Sections s = Sections.script();
        s.raw("U=" + Shell.quote(uri) + "; LC_ALL=C; export LC_ALL");
        // uname, not /proc/sys/kernel/osrelease: a host may wrap uname (the lab's old-kernel shim)
        s.section("kernel", "uname -r");
        // shell built-ins (read/echo) where a tool would start a process: every process counts on a
        // large fleet
        s.section(
                "hostname",
                "read -r h 2>/dev/null </proc/sys/kernel/hostname && echo \"$h\" || hostname 2>/dev/null || uname -n");
        s.section(
                "memtotal",
                "while read -r k v u; do if [ \"$k\" = MemTotal: ]; then echo \"$k $v $u\"; break; fi;"
                        + " done </proc/meminfo");
        // the CPUs this shell may run on, as nproc counts them (its affinity), without starting
        // nproc
        s.section(
                "nproc",
                "n=; while read -r k v; do [ \"$k\" = Cpus_allowed_list: ] && n=$v; done </proc/self/status;"
                        + " if [ -n \"$n\" ]; then echo \"list $n\"; else nproc 2>/dev/null || getconf _NPROCESSORS_ONLN; fi");
        s.section(
                "io_uring_disabled",
                "read -r d 2>/dev/null </proc/sys/kernel/io_uring_disabled && echo \"$d\"");
        s.section("kvm", "test -e /dev/kvm");
        // the only virsh process: libvirt's version and the QEMU it runs ("Running hypervisor:
        // QEMU x.y.z"; no `virsh capabilities`). The QEMU binary on the PATH is started only when
        // libvirt does not say (unreachable, another hypervisor): a process is ~20 ms of host CPU;
        // exec: the command substitution forks once, not twice
        if (ahead == null) {
            s.section(
                    "virsh_version",
                    "lv=$(exec virsh -c \"$U\" version --daemon 2>&1); lvr=$?; printf '%s\\n' \"$lv\"; [ $lvr -eq 0 ]");
        } else {
            carry(s, ahead);
        }
        s.raw(
                "case \"$lv\" in *'hypervisor: QEMU '*) ;; *) "
                        + s.begin("qemu")
                        + "; { "
                        + QEMU_BINARY
                        + "\n} 2>&1; "
                        + s.end("qemu")
                        + " ;; esac");
        s.section("topology", CpuTopology.SCRIPT);
        // placement facts from /sys (cpu_plan): NUMA nodes, cores with their SMT siblings, isolated
        // CPUs, device nodes
        SysTopology.sections(s, "");
        OsFacts.script(s);
        return s;
    }

    /**
     * The virsh_version section with {@code ahead}'s commands in the same virsh process, after a
     * split line: the version is the text before it (an {@code error:} line in it, or no split line
     * because virsh could not connect, fails the section, as the version's own exit status does
     * without a read-ahead); the read-ahead's output is printed after the section.
     */
    private static void carry(Sections s, VirshRead ahead) {
        String split = s.marker() + " SPLIT";
        s.raw(ahead.shell());
        s.section(
                "virsh_version",
                "lv=$(exec virsh -c \"$U\" "
                        + Shell.quote("version --daemon; echo " + split + "; " + ahead.commands())
                        + " 2>&1); rest=; lvr=1; case \"$lv\" in *"
                        + Shell.quote(split)
                        + "*) rest=${lv#*"
                        + Shell.quote(split)
                        + "}; lv=${lv%%"
                        + Shell.quote(split)
                        + "*}; lvr=0; case \"$lv\" in *'error: '*) lvr=1 ;; esac ;; esac;"
                        + " printf '%s\\n' \"$lv\"; [ $lvr -eq 0 ]");
        s.raw("printf '%s\\n' \"$rest\"");
    }

    /** Facts from the parsed sections; never a null value. */
    public static Map<String, Object> parse(Map<String, Section> sec, String uri) {
        Map<String, Object> f = new LinkedHashMap<>();
        String kernel = Sections.okText(sec, "kernel").orElse("").trim();
        f.put("hostname", Sections.okText(sec, "hostname").orElse("").trim());
        f.put("kernel", kernel);
        f.put("kernel_version", Version.kernel(kernel).map(Version::number).orElse(""));
        f.put("memtotal_mb", memTotalMb(Sections.okText(sec, "memtotal").orElse("")));
        f.put("processor_count", processorCount(Sections.okText(sec, "nproc").orElse("")));
        f.put("io_uring_disabled", intOr(Sections.okText(sec, "io_uring_disabled").orElse("0"), 0));
        Section kvm = sec.get("kvm");
        f.put("kvm_present", kvm != null && kvm.ok());
        Optional<String> virshVersion = Sections.okText(sec, "virsh_version");
        // the QEMU that libvirtd reports running ("Running hypervisor: QEMU x.y.z"), the one that
        // will run the domains; without it (libvirt unreachable, another hypervisor), the QEMU
        // binary on the host's PATH
        Optional<String> qemuLibvirt =
                virshVersion.flatMap(Version::hypervisor).map(Version::number);
        Optional<String> qemuBinary =
                Sections.okText(sec, "qemu").flatMap(Version::qemu).map(Version::number);
        f.put("qemu_version", qemuLibvirt.or(() -> qemuBinary).orElse(""));
        f.put(
                "qemu_version_source",
                qemuLibvirt.isPresent() ? "libvirt" : qemuBinary.isPresent() ? "binary" : "");
        f.put("libvirt_uri", uri);
        f.put("libvirt_reachable", virshVersion.isPresent());
        f.put(
                "libvirt_version",
                virshVersion.flatMap(Version::libvirt).map(Version::number).orElse(""));
        f.put(
                "libvirt_hypervisor_version",
                virshVersion.flatMap(Version::hypervisor).map(Version::number).orElse(""));
        CpuTopology.put(f, Sections.okText(sec, "topology").orElse(""));
        SysTopology.put(f, sec, (Long) f.get("memtotal_mb"));
        OsFacts.parse(sec, f);
        return f;
    }

    static long memTotalMb(String line) {
        String digits = NON_DIGITS.matcher(line).replaceAll("");
        if (digits.isEmpty()) {
            return 0;
        }
        long kb = Long.parseLong(digits);
        return line.contains("kB") || line.contains("KB") ? kb / 1024 : kb / (1024 * 1024);
    }

    /** {@code list 0-3,8} (the shell's affinity, counted) or a number from nproc. */
    static int processorCount(String text) {
        String t = text.trim();
        return t.startsWith("list ")
                ? SysTopology.cpuList(t.substring(5).trim()).size()
                : intOr(t, 0);
    }

    static int intOr(String text, int fallback) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
