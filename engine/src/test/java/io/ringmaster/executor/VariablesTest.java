package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Variable precedence, facts, set_fact, magic variables and undefined variables, as tasks see them.
 */
class VariablesTest {
    @TempDir Path dir;

    private static Object value(Harness.Result r, String task, String host) {
        TaskResult t = r.events().result(task, host);
        assertThat(t.status()).as(r.events().transcript()).isIn(Status.OK, Status.CHANGED);
        return t.data().get("value");
    }

    @Test
    void precedenceIsRoleDefaultsThenInventoryThenPlayThenTaskThenExtraVars() {
        Harness h =
                new Harness(dir)
                        .inventory(
                                """
                [web]
                h1 b=inventory c=inventory d=inventory e=inventory
                """)
                        .extra("e", "extra");
        h.write(
                "roles/r/defaults/main.yml",
                "a: default\nb: default\nc: default\nd: default\ne: default\n");
        h.write(
                "roles/r/tasks/main.yml",
                """
                - name: in role
                  fake: {value: "${a} ${b} ${c} ${d} ${e}"}
                  vars: {d: task, e: task}
                """);
        var r =
                h.run(
                        """
                - hosts: web
                  gather_facts: false
                  vars: {c: play, d: play, e: play}
                  roles: [r]
                """);
        assertThat(value(r, "in role", "h1")).isEqualTo("default inventory play task extra");
        assertThat(r.events().of(io.ringmaster.event.RunEvent.TaskStarted.class).get(0).role())
                .isEqualTo("r");
    }

    @Test
    void groupVarsLoseToHostVarsInTheInventory() {
        var r =
                new Harness(dir)
                        .inventory(
                                """
                h1 colour=red
                h2

                [all:vars]
                colour=grey
                """)
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: show
                      fake: {value: "${colour}"}
                """);
        assertThat(value(r, "show", "h1")).isEqualTo("red");
        assertThat(value(r, "show", "h2")).isEqualTo("grey");
    }

    @Test
    void setFactOverridesPlayVarsForTheRestOfTheRunButNotExtraVars() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .extra("pinned", "from -e")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  vars: {level: play, pinned: play}
                  tasks:
                    - name: before
                      fake: {value: "${level}"}
                    - set_fact: {level: "fact ${level}", pinned: fact}
                    - name: after
                      fake: {value: "${level} / ${pinned}"}
                - hosts: all
                  gather_facts: false
                  vars: {level: second play}
                  tasks:
                    - name: next play
                      fake: {value: "${level}"}
                """);
        assertThat(value(r, "before", "h1")).isEqualTo("play");
        assertThat(value(r, "after", "h1")).isEqualTo("fact play / from -e");
        assertThat(value(r, "next play", "h1")).isEqualTo("fact play");
    }

    @Test
    void extraVarsBeatTaskVarsAndSelectHostPatterns() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .extra("target", "h2")
                        .extra("x", "extra")
                        .run(
                                """
                - hosts: ${target}
                  gather_facts: false
                  tasks:
                    - name: show
                      fake: {value: "${x}"}
                      vars: {x: task}
                """);
        assertThat(r.events().hosts("show")).containsExactly("h2");
        assertThat(value(r, "show", "h2")).isEqualTo("extra");
    }

    @Test
    void gatheredFactsAreVisibleAsAnsibleNameAndUnderAnsibleFacts() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .withSetup()
                        .run(
                                """
                - hosts: all
                  tasks:
                    - name: show
                      fake: {value: "${ansible_os_family} ${ansible_facts.kernel}"}
                """);
        assertThat(r.events().tasksStarted()).containsExactly("Gathering Facts", "show");
        assertThat(r.events().result("Gathering Facts", "h1").data())
                .doesNotContainKey("ansible_facts");
        assertThat(value(r, "show", "h1")).isEqualTo("Debian 6.1.h1");
    }

    @Test
    void gatherFactsFalseDoesNotRunSetup() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .withSetup()
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: show
                      fake: {}
                """);
        assertThat(r.modules().calls("setup")).isEmpty();
        assertThat(r.events().tasksStarted()).containsExactly("show");
    }

    @Test
    void magicVariablesDescribeTheHostThePlayAndTheInventory() {
        var r =
                new Harness(dir)
                        .inventory(
                                """
                [web]
                web1.lab colour=red
                web2.lab colour=blue

                [db]
                db1.lab
                """)
                        .run(
                                """
                - hosts: web
                  gather_facts: false
                  tasks:
                    - name: register
                      fake: {value: "from ${inventory_hostname_short}"}
                      register: out
                    - name: magic
                      fake:
                        value: "${inventory_hostname}|${group_names}|${groups.db}|${play_hosts}|${ansible_play_hosts.size()}|${hostvars['web2.lab'].colour}|${hostvars['web1.lab'].out.value}|${ansible_check_mode}"
                """);
        assertThat(value(r, "magic", "web1.lab"))
                .isEqualTo("web1.lab|[web]|[db1.lab]|[web1.lab, web2.lab]|2|blue|from web1|false");
        assertThat(value(r, "magic", "web2.lab"))
                .isEqualTo("web2.lab|[web]|[db1.lab]|[web1.lab, web2.lab]|2|blue|from web1|false");
    }

    @Test
    void anUndefinedVariableFailsTheTaskAtItsPositionWithAHint() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: ok
                      fake: {}
                    - name: typo
                      fake: {value: "${vm_nmae}"}
                """);
        TaskResult t = r.events().result("typo", "h1");
        assertThat(t.status()).isEqualTo(Status.FAILED);
        assertThat(t.msg()).contains("play.yml:6:").contains("vm_nmae").contains("hint:");
        assertThat(r.modules().calls("fake")).hasSize(1);
    }

    @Test
    void anUndefinedVariableInWhenFailsAtTheConditionsPosition() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: guarded
                      fake: {}
                      when: $missing == 'x'
                """);
        TaskResult t = r.events().result("guarded", "h1");
        assertThat(t.status()).isEqualTo(Status.FAILED);
        assertThat(t.msg()).contains("play.yml:6:").contains("missing").contains("hint:");
    }

    @Test
    void doubleDollarReachesTheHostAsALiteralDollar() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: shell var
                      fake: {cmd: "echo $$HOME ${inventory_hostname}"}
                      register: out
                    - name: output is data, not an expression
                      fake: {value: "${out.stdout}"}
                """);
        assertThat(r.connector().commandsOn("h1").get(0)).isEqualTo("echo $HOME h1");
        assertThat(value(r, "output is data, not an expression", "h1"))
                .isEqualTo("ran echo $HOME h1\n");
    }

    @Test
    void aVariableHoldingAnExpressionIsRenderedWhenRead() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  vars:
                    base: /srv
                    disk: "${base}/${inventory_hostname}.img"
                    disks: ["${disk}", /tmp/b]
                  tasks:
                    - name: show
                      fake: {value: "${disks}"}
                """);
        assertThat(value(r, "show", "h1")).isEqualTo(List.of("/srv/h1.img", "/tmp/b"));
    }

    @Test
    void ansiblePlayHostsLeavesOutFailedHostsAndAllKeepsThem() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2", "h3")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: break h2
                      fake: {fail_on: [h2]}
                    - name: show
                      fake: {value: "${ansible_play_hosts} ${ansible_play_hosts_all}"}
                """);
        assertThat(value(r, "show", "h1")).isEqualTo("[h1, h3] [h1, h2, h3]");
    }

    @Test
    void variablesReferringToEachOtherFailTheTaskNotTheRun() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  vars: {a: "${b}", b: "x${a}"}
                  tasks:
                    - name: cycle
                      fake: {value: "${a}"}
                """);
        TaskResult t = r.events().result("cycle", "h1");
        assertThat(t.status()).isEqualTo(Status.FAILED);
        assertThat(t.msg()).contains("refers to itself");
    }

    @Test
    void onlyFactModulesSetVariablesThroughAnsibleFacts() {
        var r =
                new Harness(dir)
                        .inventory("h1\n")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: data that looks like facts
                      fake: {extra_data: {ansible_facts: {leak: yes}}}
                    - name: show
                      fake: {value: "${leak|'none'}"}
                    - name: real fact
                      set_fact: {kept: yes}
                    - name: show kept
                      fake: {value: "${kept}"}
                """);
        assertThat(value(r, "show", "h1")).isEqualTo("none");
        assertThat(value(r, "show kept", "h1")).isEqualTo(true);
        assertThat(r.events().result("data that looks like facts", "h1").data())
                .containsKey("ansible_facts");
    }

    @Test
    void roleParametersOutrankSetFactButNotExtraVars() {
        Harness h = new Harness(dir).inventory("h1\n").extra("e", "extra");
        h.write(
                "roles/r/tasks/main.yml",
                """
                - name: set
                  set_fact: {p: fact, e: fact}
                - name: show
                  fake: {value: "${p} ${e}"}
                """);
        var r =
                h.run(
                        """
                - hosts: all
                  gather_facts: false
                  roles:
                    - {role: r, p: param, e: param}
                """);
        assertThat(value(r, "show", "h1")).isEqualTo("param extra");
    }
}
