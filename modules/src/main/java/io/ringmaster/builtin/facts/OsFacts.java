package io.ringmaster.builtin.facts;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The operating system facts Ansible's setup gives and playbooks branch on: {@code distribution},
 * {@code distribution_version}, {@code distribution_major_version}, {@code distribution_release},
 * {@code os_family}, {@code service_mgr}, plus {@code ringmaster_version}; read from
 * /etc/os-release (and /etc/debian_version, whose point release Ansible reports for Debian) in the
 * setup exec.
 */
final class OsFacts {
    /** A quote at either end of an os-release value. */
    private static final Pattern QUOTES = Pattern.compile("^[\"']|[\"']$");

    private static final Map<String, String> NAMES =
            Map.ofEntries(
                    Map.entry("debian", "Debian"),
                    Map.entry("ubuntu", "Ubuntu"),
                    Map.entry("rhel", "RedHat"),
                    Map.entry("centos", "CentOS"),
                    Map.entry("fedora", "Fedora"),
                    Map.entry("rocky", "Rocky"),
                    Map.entry("almalinux", "AlmaLinux"),
                    Map.entry("ol", "OracleLinux"),
                    Map.entry("sles", "SLES"),
                    Map.entry("opensuse-leap", "openSUSE Leap"),
                    Map.entry("arch", "Archlinux"),
                    Map.entry("alpine", "Alpine"),
                    Map.entry("amzn", "Amazon"));
    private static final Map<String, String> FAMILIES =
            Map.ofEntries(
                    Map.entry("Debian", "Debian"),
                    Map.entry("Ubuntu", "Debian"),
                    Map.entry("RedHat", "RedHat"),
                    Map.entry("CentOS", "RedHat"),
                    Map.entry("Fedora", "RedHat"),
                    Map.entry("Rocky", "RedHat"),
                    Map.entry("AlmaLinux", "RedHat"),
                    Map.entry("OracleLinux", "RedHat"),
                    Map.entry("Amazon", "RedHat"),
                    Map.entry("SLES", "Suse"),
                    Map.entry("openSUSE Leap", "Suse"),
                    Map.entry("Archlinux", "Archlinux"),
                    Map.entry("Alpine", "Alpine"));

    private OsFacts() {}

    static void script(Sections s) {
        String rd = ShellBuiltins.READ_FILE;
        s.define(ShellBuiltins.READ_FILE_FUNCTION);
        s.section(
                "os_release",
                rd + " /etc/os-release 2>/dev/null || " + rd + " /usr/lib/os-release");
        s.section("debian_version", rd + " /etc/debian_version");
        s.section(
                "service_mgr",
                "if [ -d /run/systemd/system ]; then echo systemd; else "
                        + rd
                        + " /proc/1/comm; fi");
    }

    static void parse(Map<String, Section> sec, Map<String, Object> f) {
        Map<String, String> os = osRelease(Sections.okText(sec, "os_release").orElse(""));
        String id = os.getOrDefault("ID", "").toLowerCase();
        String dist = NAMES.getOrDefault(id, os.getOrDefault("NAME", id.isEmpty() ? "" : id));
        String version = os.getOrDefault("VERSION_ID", "");
        String debian = Sections.okText(sec, "debian_version").orElse("").strip();
        if (dist.equals("Debian") && debian.matches("\\d+(\\.\\d+)*")) {
            version = debian;
        }
        f.put("distribution", dist);
        f.put("distribution_version", version);
        f.put(
                "distribution_major_version",
                version.contains(".") ? version.substring(0, version.indexOf('.')) : version);
        f.put("distribution_release", os.getOrDefault("VERSION_CODENAME", ""));
        f.put("os_family", FAMILIES.getOrDefault(dist, dist));
        f.put("service_mgr", Sections.okText(sec, "service_mgr").orElse("").strip());
        String v = OsFacts.class.getPackage().getImplementationVersion();
        f.put("ringmaster_version", v == null ? "0.1.0-SNAPSHOT" : v);
    }

    static Map<String, String> osRelease(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                m.put(
                        line.substring(0, eq).strip(),
                        QUOTES.matcher(line.substring(eq + 1).strip()).replaceAll(""));
            }
        }
        return m;
    }
}
