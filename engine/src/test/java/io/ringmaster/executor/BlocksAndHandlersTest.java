package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.event.HostStats;
import io.ringmaster.event.RunEvent;
import io.ringmaster.event.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** block/rescue/always and handlers, as the events show them. */
class BlocksAndHandlersTest {
    @TempDir Path dir;

    @Test
    void rescueRunsOnHostsThatFailedAndTheyCountAsRescuedNotFailed() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: guarded
                      block:
                        - name: b1
                          fake: {fail_on: [h1]}
                        - name: b2
                          fake: {}
                      rescue:
                        - name: r1
                          fake: {}
                      always:
                        - name: a1
                          fake: {}
                    - name: after
                      fake: {}
                """);
        assertThat(r.events().hosts("b2")).containsExactly("h2");
        assertThat(r.events().hosts("r1")).containsExactly("h1");
        assertThat(r.events().hosts("a1")).containsExactlyInAnyOrder("h1", "h2");
        assertThat(r.events().hosts("after")).containsExactlyInAnyOrder("h1", "h2");
        assertThat(r.events().stats("h1")).isEqualTo(HostStats.ZERO.withOk(3).withRescued(1));
        assertThat(r.events().stats("h2")).isEqualTo(HostStats.ZERO.withOk(4));
        assertThat(r.outcome().anyFailed()).isFalse();
    }

    @Test
    void alwaysRunsOnAFailedHostWithoutRescueButTheHostStaysFailed() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - block:
                        - name: b1
                          fake: {fail_on: [h1]}
                      always:
                        - name: cleanup
                          fake: {}
                    - name: after
                      fake: {}
                """);
        assertThat(r.events().hosts("cleanup")).containsExactlyInAnyOrder("h1", "h2");
        assertThat(r.events().hosts("after")).containsExactly("h2");
        assertThat(r.events().stats("h1").failed()).isEqualTo(1);
        assertThat(r.events().stats("h1").rescued()).isZero();
    }

    @Test
    void aFailingRescueLeavesTheHostFailedAfterAlways() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - block:
                        - name: b1
                          fake: {status: failed}
                      rescue:
                        - name: r1
                          fake: {status: failed}
                      always:
                        - name: a1
                          fake: {}
                    - name: after
                      fake: {}
                """);
        assertThat(r.events().hosts("a1")).containsExactly("h1");
        assertThat(r.events().hosts("after")).isEmpty();
        assertThat(r.outcome().anyFailed()).isTrue();
    }

    @Test
    void blockConditionsAndVarsApplyToEveryTaskInside() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - when: $inventory_hostname == 'h2'
                      vars: {colour: blue}
                      block:
                        - name: inside
                          fake: {value: "${colour}"}
                """);
        assertThat(r.events().statuses("inside"))
                .containsEntry("h1", Status.SKIPPED)
                .containsEntry("h2", Status.OK);
        assertThat(r.events().result("inside", "h2").data().get("value")).isEqualTo("blue");
    }

    @Test
    void handlersRunOnceAtTheEndOfThePlayOnlyOnHostsThatNotified() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2", "h3")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: change config
                      fake: {change_on: [h1, h2]}
                      notify: restart app
                    - name: change again
                      fake: {change_on: [h1]}
                      notify: restart app
                    - name: last task
                      fake: {}
                  handlers:
                    - name: unused
                      fake: {}
                    - name: restart app
                      fake: {cmd: restart}
                """);
        assertThat(r.events().tasksStarted())
                .containsExactly("change config", "change again", "last task", "restart app");
        assertThat(r.events().of(RunEvent.TaskStarted.class).get(3).handler()).isTrue();
        assertThat(r.events().hosts("restart app")).containsExactlyInAnyOrder("h1", "h2");
        assertThat(r.connector().commandsOn("h1")).containsExactly("restart");
        assertThat(r.connector().commandsOn("h3")).isEmpty();
    }

    @Test
    void handlersListeningToATopicAllRunInDefinitionOrder() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: change
                      fake: {status: changed}
                      notify: [web changed]
                  handlers:
                    - name: reload nginx
                      fake: {}
                      listen: web changed
                    - name: by name only
                      fake: {}
                    - name: flush cache
                      fake: {}
                      listen: [web changed]
                """);
        assertThat(r.events().tasksStarted())
                .containsExactly("change", "reload nginx", "flush cache");
    }

    @Test
    void aHostThatFailsAfterNotifyingDoesNotRunTheHandler() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: change
                      fake: {status: changed}
                      notify: restart
                    - name: break h2
                      fake: {fail_on: [h2]}
                  handlers:
                    - name: restart
                      fake: {}
                """);
        assertThat(r.events().hosts("restart")).containsExactly("h1");
    }

    @Test
    void handlersNotifiedInOnePlayDoNotLeakIntoTheNext() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: change
                      fake: {status: changed}
                      notify: restart
                  handlers:
                    - name: restart
                      fake: {}
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: nothing
                      fake: {}
                  handlers:
                    - name: restart
                      fake: {}
                """);
        assertThat(r.events().tasksStarted()).containsExactly("change", "restart", "nothing");
        assertThat(List.of(r.events().hosts("restart").size())).containsExactly(1);
    }

    @Test
    void becomePasswordFromTheInventoryIsUsedForThatHost() {
        var r =
                new Harness(dir)
                        .inventory(
                                """
                h1 ansible_become_password=hunter2
                h2
                """)
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  become: true
                  tasks:
                    - name: as root
                      fake: {cmd: id}
                """);
        assertThat(r.connector().commandsOn("h1"))
                .containsExactly("[sudo root password hunter2] id");
        assertThat(r.connector().commandsOn("h2")).containsExactly("[sudo root] id");
    }
}
