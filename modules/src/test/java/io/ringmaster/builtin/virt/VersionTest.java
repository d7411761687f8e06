package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.support.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class VersionTest {

    private static Version v(String s) {
        return Version.parse(s).orElseThrow();
    }

    @Test
    void kernels() {
        assertThat(Version.kernel("5.10.0-28-amd64").orElseThrow().number()).isEqualTo("5.10.0");
        assertThat(Version.kernel("6.8.0-45-generic").orElseThrow().number()).isEqualTo("6.8.0");
        assertThat(Version.kernel("5.14.0-427.el9.x86_64").orElseThrow().number())
                .isEqualTo("5.14.0");
        assertThat(Version.kernel("4.18.0-553.el8_10.x86_64").orElseThrow().number())
                .isEqualTo("4.18.0");
        assertThat(Version.kernel("6.18.44-fc-v595").orElseThrow().number()).isEqualTo("6.18.44");
        assertThat(Version.kernel("5.10.0-28-amd64").orElseThrow().atLeast(v("5.10"))).isTrue();
        assertThat(Version.kernel("4.18.0-553.el8_10.x86_64").orElseThrow().atLeast(v("5.10")))
                .isFalse();
        assertThat(Version.kernel("5.9.16").orElseThrow().atLeast(v("5.10"))).isFalse();
    }

    @Test
    void qemu() {
        assertThat(
                        Version.qemu("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18)")
                                .orElseThrow()
                                .number())
                .isEqualTo("7.2.22");
        assertThat(
                        Version.qemu(
                                        "QEMU emulator version 8.2.2 (Debian 1:8.2.2+ds-0ubuntu1.4)\nCopyright (c) 2003-2023")
                                .orElseThrow()
                                .number())
                .isEqualTo("8.2.2");
        Version rhel =
                Version.qemu("QEMU emulator version 4.2.1 (qemu-kvm-4.2.0-...)").orElseThrow();
        assertThat(rhel.number()).isEqualTo("4.2.1");
        assertThat(rhel.atLeast(v("5.0"))).isFalse();
        assertThat(Version.qemu("bash: qemu-system-x86_64: command not found")).isEmpty();
    }

    @Test
    void realOutputsOfThisMachine() throws IOException {
        String q = Files.readString(Path.of("src/test/resources/facts/qemu-version.txt"));
        assertThat(Version.qemu(q).orElseThrow().number()).isEqualTo("7.2.22");
        String virsh =
                Files.readString(Path.of("src/test/resources/facts/virsh-version-daemon.txt"));
        assertThat(Version.libvirt(virsh).orElseThrow().number()).isEqualTo("9.0.0");
        assertThat(Version.hypervisor(virsh).orElseThrow().number()).isEqualTo("7.2.22");
    }

    @Test
    void libvirtWithoutDaemonLine() {
        String out =
                "Compiled against library: libvirt 9.0.0\nUsing library: libvirt 9.0.0\nUsing API: QEMU 9.0.0\n"
                        + "Running hypervisor: QEMU 7.2.22\n";
        assertThat(Version.libvirt(out).orElseThrow()).isEqualTo(v("9.0"));
    }

    @Test
    void ordering() {
        assertThat(v("5.10")).isEqualTo(v("5.10.0")).hasSameHashCodeAs(v("5.10.0"));
        assertThat(v("5.10").compareTo(v("5.9.99"))).isPositive();
        assertThat(v("10.0").compareTo(v("9.10"))).isPositive();
        assertThat(v("6.3").atLeast(v("6.3.0"))).isTrue();
    }
}
