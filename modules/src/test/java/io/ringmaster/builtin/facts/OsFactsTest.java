package io.ringmaster.builtin.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.support.Sections.Section;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OsFactsTest {

    private static Map<String, Object> facts(String osRelease, String debianVersion) {
        Map<String, Section> sec = new LinkedHashMap<>();
        sec.put("os_release", new Section("os_release", 0, osRelease));
        sec.put(
                "debian_version",
                new Section(
                        "debian_version",
                        debianVersion == null ? 1 : 0,
                        debianVersion == null ? "" : debianVersion));
        sec.put("service_mgr", new Section("service_mgr", 0, "systemd\n"));
        Map<String, Object> f = new LinkedHashMap<>();
        OsFacts.parse(sec, f);
        return f;
    }

    @Test
    void debianReportsItsPointReleaseAsAnsibleDoes() {
        Map<String, Object> f =
                facts(
                        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"
                                + "VERSION_CODENAME=bookworm\n",
                        "12.15\n");
        assertThat(f)
                .containsEntry("distribution", "Debian")
                .containsEntry("distribution_version", "12.15")
                .containsEntry("distribution_major_version", "12")
                .containsEntry("distribution_release", "bookworm")
                .containsEntry("os_family", "Debian")
                .containsEntry("service_mgr", "systemd");
        assertThat(f.get("ringmaster_version")).asString().isNotBlank();
    }

    @Test
    void rockyIsRedHatFamily() {
        Map<String, Object> f =
                facts("NAME=\"Rocky Linux\"\nID=\"rocky\"\nVERSION_ID=\"9.3\"\n", null);
        assertThat(f)
                .containsEntry("distribution", "Rocky")
                .containsEntry("distribution_version", "9.3")
                .containsEntry("distribution_major_version", "9")
                .containsEntry("os_family", "RedHat");
    }
}
