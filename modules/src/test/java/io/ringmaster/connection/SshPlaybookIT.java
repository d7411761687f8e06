package io.ringmaster.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.cli.Main;
import io.ringmaster.lab.LabExtension;
import io.ringmaster.lab.LabHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * The real command line, in-process, against all hosts of a lab: a whole playbook runs over one SSH
 * session per host, and a host stopped in the middle of a playbook is reported unreachable while
 * the others finish.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshPlaybookIT {
    private static final int HOSTS = 6;

    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(HOSTS);

    /** Twelve tasks (command, shell, set_fact, assert, debug, a loop), facts gathered first. */
    private static final String TWELVE_TASKS =
            """
            - name: One session per host
              hosts: all
              gather_facts: true
              tasks:
                - name: who am I
                  command: id -un
                  register: who
                  changed_when: false
                - name: logged in as root
                  assert:
                    that: '$who.stdout == "root"'
                - name: which sshd answered
                  shell: grep ^ListenAddress /etc/ssh/sshd_config | cut -d' ' -f2
                  register: listen
                  changed_when: false
                - name: remember it
                  set_fact:
                    listen_addr: "$listen.stdout"
                - name: it is this host's address
                  assert:
                    that: '$listen_addr == "${ansible_host}:22"'
                - name: write a mark
                  shell: echo "$inventory_hostname" > /tmp/ringmaster-mark
                - name: read it back
                  command: cat /tmp/ringmaster-mark
                  register: mark
                  changed_when: false
                - name: the mark is the inventory name
                  assert:
                    that: '$mark.stdout == $inventory_hostname'
                - name: a number
                  set_fact:
                    how_many: 3
                - name: count with it
                  shell: "seq $how_many | wc -l"
                  register: counted
                  changed_when: false
                - name: counted right
                  assert:
                    that: '$counted.stdout == "3"'
                - name: a loop of commands
                  command: "echo $item"
                  loop: [a, b, c]
                  changed_when: false
                - name: done
                  debug:
                    msg: "$inventory_hostname done"
            """;

    @BeforeAll
    static void jschHasItsMultiReleaseClasses() throws Exception {
        SshTransportIT.requireMultiReleaseJsch();
    }

    private record Run(int exit, String out, String err, Map<String, Object> json, Duration took) {}

    private static Run play(String playbookText, String... extraArgs) throws Exception {
        Path dir = Files.createTempDirectory(LAB.workDir(), "play");
        Path playbook = Files.writeString(dir.resolve("site.yml"), playbookText);
        Path json = dir.resolve("run.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "play",
                                playbook.toString(),
                                "-i",
                                LAB.inventory().toString(),
                                "--known-hosts",
                                LAB.knownHosts().toString(),
                                "--ssh-config",
                                dir.resolve("no-ssh-config").toString(),
                                "--json",
                                json.toString()));
        args.addAll(List.of(extraArgs));
        long t0 = System.nanoTime();
        int exit =
                Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        args.toArray(String[]::new));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.err.printf("ringmaster play: exit %d in %d ms%n", exit, took.toMillis());
        Map<String, Object> report =
                Files.exists(json) ? new Yaml().load(Files.readString(json)) : Map.of();
        return new Run(exit, out.toString(), err.toString(), report, took);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static List<Map<String, Object>> tasks(Run r) {
        return list(map(list(r.json().get("plays")).get(0)).get("tasks")).stream()
                .map(SshPlaybookIT::map)
                .toList();
    }

    private static String status(Map<String, Object> task, String host) {
        Object h = map(task.get("hosts")).get(host);
        return h == null ? null : String.valueOf(map(h).get("status"));
    }

    private static Map<String, Object> stats(Run r, String host) {
        return map(map(r.json().get("stats")).get(host));
    }

    /**
     * Each host's count of accepted SSH logins (docker execs in parallel: each takes a while on a
     * busy box).
     */
    private static Map<String, Integer> logins() {
        return LAB.hosts().parallelStream()
                .collect(Collectors.toMap(LabHost::name, LabHost::acceptedConnections));
    }

    @Test
    @Order(1)
    void wholePlaybookRunsOverOneSessionPerHost() throws Exception {
        Map<String, Integer> before = logins();
        Run r = play(TWELVE_TASKS);
        assertThat(r.exit()).as("exit code; stderr: " + r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<Map<String, Object>> tasks = tasks(r);
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(13); // facts + 13 tasks
        for (LabHost h : LAB.hosts()) {
            for (Map<String, Object> t : tasks) {
                assertThat(status(t, h.name()))
                        .as(h.name() + ": " + t.get("name"))
                        .isIn("ok", "changed");
            }
            assertThat(stats(r, h.name()))
                    .containsEntry("failed", 0)
                    .containsEntry("unreachable", 0)
                    .containsEntry("changed", 1);
        }
        Map<String, Integer> after = logins();
        for (LabHost h : LAB.hosts()) {
            assertThat(after.get(h.name()) - before.get(h.name()))
                    .as(
                            "SSH logins on "
                                    + h
                                    + " for a whole playbook of "
                                    + tasks.size()
                                    + " tasks")
                    .isEqualTo(1);
        }
    }

    @Test
    @Order(2)
    void hostStoppedMidPlaybookIsUnreachableWhileTheOthersFinish() throws Exception {
        LabHost victim = LAB.hosts().get(HOSTS - 1);
        victim.exec("rm", "-f", "/tmp/ringmaster-slow");
        String playbook =
                """
                - name: A host goes away
                  hosts: all
                  gather_facts: false
                  tasks:
                    - name: before
                      command: "echo before"
                      changed_when: false
                    - name: slow
                      shell: "touch /tmp/ringmaster-slow; sleep 3; echo slept"
                      changed_when: false
                    - name: after
                      command: "echo after"
                      register: after
                      changed_when: false
                    - name: checked after
                      assert:
                        that: '$after.stdout == "after"'
                """;
        CompletableFuture<Run> running =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return play(playbook, "--connect-timeout", "2");
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!victim.exec("sh", "-c", "test -e /tmp/ringmaster-slow && echo yes || true")
                .contains("yes")) {
            assertThat(System.nanoTime())
                    .as("the slow task started on " + victim)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        victim.stop();
        Run r = running.get(60, TimeUnit.SECONDS);

        assertThat(r.exit()).as("exit code; stderr: " + r.err()).isEqualTo(3);
        List<Map<String, Object>> tasks = tasks(r);
        assertThat(tasks)
                .extracting(t -> t.get("name"))
                .containsExactly("before", "slow", "after", "checked after");
        for (LabHost h : LAB.hosts()) {
            if (h == victim) {
                continue;
            }
            for (Map<String, Object> t : tasks) {
                assertThat(status(t, h.name())).as(h.name() + ": " + t.get("name")).isEqualTo("ok");
            }
            assertThat(stats(r, h.name()))
                    .containsEntry("ok", 4)
                    .containsEntry("unreachable", 0)
                    .containsEntry("failed", 0);
        }
        assertThat(status(tasks.get(0), victim.name())).isEqualTo("ok");
        assertThat(status(tasks.get(1), victim.name())).isEqualTo("unreachable");
        Map<String, Object> slow = map(map(tasks.get(1).get("hosts")).get(victim.name()));
        assertThat(String.valueOf(slow.get("msg"))).contains(victim.name());
        assertThat(status(tasks.get(2), victim.name())).isNull();
        assertThat(status(tasks.get(3), victim.name())).isNull();
        // the play recap's numbers for the stopped host
        assertThat(stats(r, victim.name()))
                .containsEntry("ok", 1)
                .containsEntry("unreachable", 1)
                .containsEntry("failed", 0);
    }
}
