package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.lab.LabExtension;
import io.ringmaster.lab.LabHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hypervisor-job modules on real OpenSSH lab hosts: ping, setup's OS facts, file, copy,
 * lineinfile, stat, fetch, sysctl (file only: /proc/sys is read-only in a container), wait_for,
 * package (apt, from a local file-based repository built on each host with dpkg-deb, no network)
 * and service (no systemd in the lab: a clear failure). A first run changes, a second changes
 * nothing, --check predicts without touching the host.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostModulesIT {
    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(2);

    private static final String REPO =
            """
            set -e
            build() {
              d=/tmp/rmq-build/rmq-hello-$1
              mkdir -p $d/DEBIAN $d/usr/share/rmq-hello /srv/rmq-repo
              printf 'Package: rmq-hello\\nVersion: %s\\nArchitecture: all\\nMaintainer: rmq <rmq@localhost>\\nDescription: ringmaster test package\\n' $1 > $d/DEBIAN/control
              echo "hello $1" > $d/usr/share/rmq-hello/hello
              dpkg-deb --build $d /srv/rmq-repo/rmq-hello_$1_all.deb >/dev/null
            }
            index() {
              cd /srv/rmq-repo
              : > Packages
              for f in *.deb; do
                { dpkg-deb -f $f; echo "Filename: ./$f"; echo "Size: $(stat -c %s $f)"; echo "SHA256: $(sha256sum $f | cut -d' ' -f1)"; echo; } >> Packages
              done
            }
            """;

    private static final String PLAY =
            """
            - name: Hypervisor job modules
              hosts: all
              gather_facts: true
              vars:
                port: 8080
              tasks:
                - name: ping
                  ping:
                  register: p
                - name: facts and pong
                  assert:
                    that:
                      - '$p.ping == "pong"'
                      - '$ansible_distribution == "Debian"'
                      - '$ansible_os_family == "Debian"'
                      - '$ansible_distribution_major_version == "12"'
                      - '$ansible_distribution_version.startsWith("12.")'
                      - '$ansible_ringmaster_version != ""'
                      - '$ansible_service_mgr != "systemd"'
                - name: conf dir
                  file: {path: /tmp/rmq-mod/conf, state: directory, mode: '0750', owner: deploy, group: deploy}
                - name: inline
                  copy: {content: "a=1\\n", dest: /tmp/rmq-mod/conf/inline.conf, mode: 'u=rw,g=r,o='}
                - name: from files
                  copy: {src: app.conf, dest: /tmp/rmq-mod/conf/}
                - name: port line
                  lineinfile: {path: /tmp/rmq-mod/conf/ports.conf, regexp: '^port=', line: 'port=${port}', create: true}
                - name: link
                  file: {path: /tmp/rmq-mod/current, src: /tmp/rmq-mod/conf, state: link}
                - name: stat
                  stat: {path: /tmp/rmq-mod/conf/app.conf}
                  register: st
                - name: stat says
                  assert:
                    that: '$st.stat.exists && $st.stat.isreg && $st.stat.mode == "0644" && $st.stat.pw_name == "root"'
                - name: fetch
                  fetch: {src: /tmp/rmq-mod/conf/app.conf, dest: fetched}
                - name: sysctl file
                  sysctl: {name: vm.swappiness, value: '10', sysctl_file: /tmp/rmq-mod/sysctl.conf, reload: false}
                - name: wait sshd
                  wait_for: {host: "$ansible_host", port: 22, timeout: 10}
                - name: wait content
                  wait_for: {path: /tmp/rmq-mod/conf/ports.conf, search_regex: '^port=8080', timeout: 5}
                - name: package
                  package: {name: rmq-hello, state: present, update_cache: true}
            """;

    @BeforeAll
    static void localAptRepository() {
        for (LabHost h : LAB.hosts()) {
            h.exec(
                    "sh",
                    "-c",
                    REPO
                            + "build 1.0; index; rm -f /etc/apt/sources.list.d/*;"
                            + " echo 'deb [trusted=yes] file:/srv/rmq-repo ./' > /etc/apt/sources.list");
        }
    }

    private static LabPlay.Run play(String name, String playbook, String... extra)
            throws Exception {
        return LabPlay.play(
                LAB,
                LAB.workDir().resolve(name),
                playbook,
                Map.of("files/app.conf", "name=app\nport=80\n"),
                extra);
    }

    private static final String[] CHANGED = {
        "conf dir", "inline", "from files", "port line", "link", "fetch", "sysctl file", "package"
    };

    @Test
    @Order(1)
    void firstRunChangesSecondChangesNothing() throws Exception {
        LabPlay.Run first = play("mods", PLAY);
        assertThat(first.exit()).as(first.toString()).isZero();
        for (LabHost h : LAB.hosts()) {
            for (String t : CHANGED) {
                assertThat(first.status(t, h.name()))
                        .as(h.name() + " " + t + "\n" + first.out())
                        .isEqualTo("changed");
            }
            assertThat(h.exec("cat", "/tmp/rmq-mod/conf/app.conf"))
                    .isEqualTo("name=app\nport=80\n");
            assertThat(h.exec("cat", "/tmp/rmq-mod/conf/ports.conf")).isEqualTo("port=8080\n");
            assertThat(h.exec("stat", "-c", "%a %U %G", "/tmp/rmq-mod/conf"))
                    .isEqualTo("750 deploy deploy\n");
            assertThat(h.exec("stat", "-c", "%a", "/tmp/rmq-mod/conf/inline.conf"))
                    .isEqualTo("640\n");
            assertThat(h.exec("readlink", "/tmp/rmq-mod/current")).isEqualTo("/tmp/rmq-mod/conf\n");
            assertThat(h.exec("cat", "/tmp/rmq-mod/sysctl.conf")).isEqualTo("vm.swappiness=10\n");
            assertThat(h.exec("cat", "/usr/share/rmq-hello/hello")).isEqualTo("hello 1.0\n");
            assertThat(first.dir().resolve("fetched/" + h.name() + "/tmp/rmq-mod/conf/app.conf"))
                    .hasContent("name=app\nport=80");
        }
        LabPlay.Run second = play("mods", PLAY, "--assert-no-changes");
        assertThat(second.exit()).as(second.toString()).isZero();
        for (LabHost h : LAB.hosts()) {
            assertThat(second.stats(h.name()))
                    .containsEntry("changed", 0)
                    .containsEntry("failed", 0);
        }
    }

    @Test
    @Order(2)
    void checkModePredictsDriftWithADiffAndTouchesNothing() throws Exception {
        LabHost h = LAB.hosts().get(0);
        h.exec(
                "sh",
                "-c",
                "echo port=81 > /tmp/rmq-mod/conf/app.conf; chmod 0755 /tmp/rmq-mod/conf;"
                        + " dpkg -r rmq-hello >/dev/null");
        LabPlay.Run check = play("mods", PLAY, "--check", "--diff", "--limit", h.name());
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.status("conf dir", h.name())).isEqualTo("changed");
        assertThat(check.status("from files", h.name())).isEqualTo("changed");
        assertThat(check.status("package", h.name())).isEqualTo("changed");
        assertThat(check.out()).contains("-port=81").contains("+name=app");
        assertThat(h.exec("cat", "/tmp/rmq-mod/conf/app.conf")).isEqualTo("port=81\n");
        assertThat(h.exec("stat", "-c", "%a", "/tmp/rmq-mod/conf")).isEqualTo("755\n");
        assertThat(h.exec("sh", "-c", "test -e /usr/share/rmq-hello/hello && echo yes || echo no"))
                .isEqualTo("no\n");
    }

    @Test
    @Order(3)
    void packageLatestUpgradesFromTheLocalRepositoryAndAbsentRemoves() throws Exception {
        for (LabHost h : LAB.hosts()) {
            h.exec("sh", "-c", REPO + "build 2.0; index");
        }
        String latest =
                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: latest
                      package: {name: [rmq-hello], state: latest, update_cache: true}
                """;
        LabPlay.Run up = play("latest", latest);
        assertThat(up.exit()).as(up.toString()).isZero();
        for (LabHost h : LAB.hosts()) {
            assertThat(up.status("latest", h.name())).isEqualTo("changed");
            assertThat(h.exec("cat", "/usr/share/rmq-hello/hello")).isEqualTo("hello 2.0\n");
        }
        assertThat(play("latest", latest).stats(LAB.hosts().get(1).name()))
                .containsEntry("changed", 0);
        LabPlay.Run gone = play("absent", latest.replace("latest", "absent"));
        assertThat(gone.exit()).as(gone.toString()).isZero();
        assertThat(gone.status("absent", LAB.hosts().get(0).name())).isEqualTo("changed");
        assertThat(
                        play("absent", latest.replace("latest", "absent"))
                                .stats(LAB.hosts().get(0).name()))
                .containsEntry("changed", 0);
    }

    @Test
    @Order(4)
    void serviceWithoutSystemdAndSysctlReloadOnReadOnlyProcFailClearly() throws Exception {
        LabPlay.Run r =
                play(
                        "nosystemd",
                        """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: svc
                      service: {name: ssh, state: started}
                      ignore_errors: true
                    - name: reload
                      sysctl: {name: vm.swappiness, value: '11', sysctl_file: /tmp/rmq-mod/sysctl2.conf}
                """);
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out())
                .contains("does not run systemd")
                .contains("/proc/sys is read-only or closed here");
        assertThat(r.status("svc", LAB.hosts().get(0).name())).isEqualTo("failed");
    }

    @Test
    @Order(5)
    void waitForTimesOutWithAnsiblesMessage() throws Exception {
        LabPlay.Run r =
                play(
                        "wait",
                        """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: nothing listens
                      wait_for: {port: 1, timeout: 2, sleep: 1}
                """);
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).contains("Timeout when waiting for 127.0.0.1:1");
        assertThat(Files.exists(Path.of("/nonexistent"))).isFalse();
    }

    /**
     * A container cannot reboot, so the lab's reboot_command stands in for one: it writes a new
     * "boot id" and kills the host's root SSH sessions (sshd itself keeps listening, as a rebooted
     * host's would again). The module must see the session drop, reconnect through the pool, find
     * the new boot id, and the next task must run on the new session.
     */
    @Test
    @Order(6)
    void rebootWaitsForANewBootIdAndLaterTasksUseTheNewSession() throws Exception {
        LabHost h = LAB.hosts().get(0);
        h.exec("sh", "-c", "echo first-boot > /tmp/rmq-boot-id");
        int loginsBefore = h.acceptedConnections();
        LabPlay.Run r =
                play(
                        "reboot",
                        """
                - hosts: lab1
                  gather_facts: false
                  tasks:
                    - name: reboot
                      reboot:
                        reboot_timeout: 60
                        boot_time_command: cat /tmp/rmq-boot-id
                        reboot_command: |
                          date +%s%N > /tmp/rmq-boot-id
                          for d in /proc/[0-9]*; do
                            case "$$(tr '\\0' ' ' < $$d/cmdline 2>/dev/null)" in
                              *'sshd: root@notty'*) kill $${d#/proc/} ;;
                            esac
                          done
                      register: rb
                    - name: after
                      command: cat /tmp/rmq-boot-id
                      register: id
                      changed_when: false
                    - name: back
                      assert:
                        that:
                          - '$rb.rebooted'
                          - '$id.stdout != "first-boot"'
                """);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.status("reboot", "lab1")).isEqualTo("changed");
        assertThat(h.acceptedConnections() - loginsBefore)
                .as("a new session after the reboot")
                .isGreaterThanOrEqualTo(2);
    }
}
