package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.event.HostStats;
import io.ringmaster.event.RunEvent;
import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linear strategy as the events show it: task by task, failed and unreachable hosts dropping
 * out.
 */
class LinearStrategyTest {
    @TempDir Path dir;

    private static final String THREE_TASKS =
            """
            - hosts: all
              gather_facts: false
              tasks:
                - name: one
                  fake: {cmd: "echo one"}
                - name: two
                  fake: {cmd: "echo two", fail_on: [h2]}
                - name: three
                  fake: {cmd: "echo three"}
            """;

    @Test
    void eachTaskFinishesOnEveryHostBeforeTheNextStarts() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2", "h3", "h4", "h5", "h6")
                        .forks(6)
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: one
                      fake: {}
                    - name: two
                      fake: {}
                    - name: three
                      fake: {}
                """);
        List<RunEvent> events = r.events().events();
        int lastDoneOfOne = -1;
        int startOfTwo = -1;
        int lastDoneOfTwo = -1;
        int startOfThree = -1;
        for (int i = 0; i < events.size(); i++) {
            RunEvent e = events.get(i);
            if (e instanceof RunEvent.HostDone d && d.task().equals("one")) {
                lastDoneOfOne = i;
            } else if (e instanceof RunEvent.HostDone d && d.task().equals("two")) {
                lastDoneOfTwo = i;
            } else if (e instanceof RunEvent.TaskStarted t && t.name().equals("two")) {
                startOfTwo = i;
            } else if (e instanceof RunEvent.TaskStarted t && t.name().equals("three")) {
                startOfThree = i;
            }
        }
        assertThat(r.events().tasksStarted()).containsExactly("one", "two", "three");
        assertThat(lastDoneOfOne).isLessThan(startOfTwo);
        assertThat(lastDoneOfTwo).isLessThan(startOfThree);
        assertThat(r.events().hosts("three"))
                .containsExactlyInAnyOrder("h1", "h2", "h3", "h4", "h5", "h6");
        assertThat(events.get(0)).isInstanceOf(RunEvent.PlaybookStarted.class);
        assertThat(events.get(1))
                .isEqualTo(
                        new RunEvent.PlayStarted(
                                "all", List.of("h1", "h2", "h3", "h4", "h5", "h6")));
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
    }

    @Test
    void aFailedHostDropsOutOfLaterTasksAndLaterPlays() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2", "h3")
                        .run(
                                THREE_TASKS
                                        + """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: second play
                      fake: {}
                """);
        assertThat(r.events().statuses("two")).containsEntry("h2", Status.FAILED);
        assertThat(r.events().hosts("three")).containsExactlyInAnyOrder("h1", "h3");
        assertThat(r.events().hosts("second play")).containsExactlyInAnyOrder("h1", "h3");
        assertThat(r.events().of(RunEvent.PlayStarted.class).get(1).hosts())
                .containsExactly("h1", "h3");
        assertThat(r.connector().commandsOn("h2")).containsExactly("echo one", "echo two");
        assertThat(r.events().stats("h2")).isEqualTo(HostStats.ZERO.withOk(1).withFailed(1));
        assertThat(r.events().stats("h1")).isEqualTo(HostStats.ZERO.withOk(4));
        assertThat(r.outcome().anyFailed()).isTrue();
        assertThat(r.outcome().interrupted()).isFalse();
    }

    @Test
    void anUnreachableHostIsCountedApartFromFailuresAndDropsOut() {
        var r = new Harness(dir).hosts("h1", "h2", "h3").unreachable("h3").run(THREE_TASKS);
        TaskResult one = r.events().result("one", "h3");
        assertThat(one.status()).isEqualTo(Status.UNREACHABLE);
        assertThat(one.msg()).contains("Connection refused");
        assertThat(r.events().hosts("two")).doesNotContain("h3");
        assertThat(r.events().stats("h3")).isEqualTo(HostStats.ZERO.withUnreachable(1));
        assertThat(r.events().stats("h2").failed()).isEqualTo(1);
        assertThat(r.outcome().anyUnreachable()).isTrue();
        assertThat(r.connector().connects.get("h3")).isEqualTo(1);
    }

    @Test
    void ignoreErrorsReportsTheFailureButTheHostCarriesOn() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: may fail
                      fake: {fail_on: [h2], msg: boom}
                      ignore_errors: true
                    - name: after
                      fake: {}
                """);
        TaskResult failed = r.events().result("may fail", "h2");
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.ignored()).isTrue();
        assertThat(failed.msg()).isEqualTo("boom");
        assertThat(r.events().hosts("after")).containsExactlyInAnyOrder("h1", "h2");
        assertThat(r.events().stats("h2")).isEqualTo(HostStats.ZERO.withOk(1).withIgnored(1));
        assertThat(r.outcome().anyFailed()).isFalse();
    }

    @Test
    void whenEveryHostHasFailedThePlayStopsWithNoMoreHostsLeft() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: fails everywhere
                      fake: {status: failed}
                    - name: never
                      fake: {}
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: next play
                      fake: {}
                """);
        assertThat(r.events().tasksStarted()).containsExactly("fails everywhere");
        assertThat(r.events().notices()).contains("NO MORE HOSTS LEFT");
        assertThat(r.events().of(RunEvent.PlayStarted.class)).hasSize(1);
    }

    @Test
    void oneForkAndManyForksGiveTheSameResults() {
        String playbook =
                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: a
                      fake: {change_on: [h2, h4], fail_on: [h5]}
                    - name: b
                      fake: {cmd: "echo ${inventory_hostname}"}
                      loop: [1, 2]
                    - name: c
                      fake: {fail_on: [h1]}
                      ignore_errors: true
                """;
        var one =
                new Harness(dir.resolve("one"))
                        .hosts("h1", "h2", "h3", "h4", "h5")
                        .forks(1)
                        .run(playbook);
        var many =
                new Harness(dir.resolve("many"))
                        .hosts("h1", "h2", "h3", "h4", "h5")
                        .forks(5)
                        .run(playbook);
        assertThat(summary(many)).isEqualTo(summary(one));
        assertThat(many.events().finished().stats()).isEqualTo(one.events().finished().stats());
        assertThat(many.connector().commands).isEqualTo(one.connector().commands);
        // with one fork, hosts finish in inventory order
        assertThat(one.events().hosts("a")).containsExactly("h1", "h2", "h3", "h4", "h5");
    }

    private static Map<String, Status> summary(Harness.Result r) {
        Map<String, Status> m = new TreeMap<>();
        r.events()
                .of(RunEvent.HostDone.class)
                .forEach(d -> m.put(d.task() + "@" + d.result().host(), d.result().status()));
        return m;
    }

    @Test
    void settingTheStopFlagStopsDispatchingAndTheRunEndsInterrupted() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .forks(1)
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: before
                      fake: {}
                    - name: ctrl-c
                      stop: {}
                    - name: after
                      fake: {}
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: next play
                      fake: {}
                """);
        assertThat(r.events().tasksStarted()).containsExactly("before", "ctrl-c");
        assertThat(r.events().hosts("ctrl-c")).containsExactly("h1");
        assertThat(r.modules().hostsCalled("fake")).containsExactly("h1", "h2");
        assertThat(r.events().finished().interrupted()).isTrue();
        assertThat(r.outcome().interrupted()).isTrue();
        assertThat(r.events().finished().stats()).containsKeys("h1", "h2");
        assertThat(r.events().of(RunEvent.PlayStarted.class)).hasSize(1);
    }
}
