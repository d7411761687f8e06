package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.event.RunEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serial batches, max_fail_percentage and any_errors_fatal. */
class RolloutTest {
    @TempDir Path dir;

    @Test
    void serialCanaryThenPercentBatchesRunEachBatchThroughTheWholePlay() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2", "h3", "h4", "h5")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  serial: [1, "50%"]
                  tasks:
                    - name: one
                      fake: {change_on: [h1, h2, h3, h4, h5]}
                      notify: handler
                    - name: two
                      fake: {}
                  handlers:
                    - name: handler
                      fake: {}
                """);
        assertThat(r.events().done())
                .containsSubsequence("one@h1", "two@h1", "handler@h1", "one@h2");
        assertThat(r.events().tasksStarted())
                .containsExactly(
                        "one", "two", "handler", "one", "two", "handler", "one", "two", "handler");
        List<RunEvent> events = r.events().events();
        // the batches are [h1], [h2, h3], [h4, h5]
        assertThat(batchesOf(events))
                .containsExactly(List.of("h1"), List.of("h2", "h3"), List.of("h4", "h5"));
        assertThat(r.events().of(RunEvent.PlayStarted.class)).hasSize(1);
    }

    /** The hosts of each TaskStarted "one", from the HostDone events that follow it. */
    private static List<List<String>> batchesOf(List<RunEvent> events) {
        List<List<String>> out = new java.util.ArrayList<>();
        List<String> current = null;
        for (RunEvent e : events) {
            if (e instanceof RunEvent.TaskStarted t) {
                current = t.name().equals("one") ? new java.util.ArrayList<>() : null;
                if (current != null) {
                    out.add(current);
                }
            } else if (e instanceof RunEvent.HostDone d && current != null) {
                current.add(d.result().host());
            }
        }
        out.forEach(l -> l.sort(null));
        return out;
    }

    @Test
    void exceedingMaxFailPercentageInABatchStopsTheRollout() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2", "h3", "h4")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  serial: 2
                  max_fail_percentage: 49
                  tasks:
                    - name: deploy
                      fake: {fail_on: [h1]}
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: next play
                      fake: {}
                """);
        assertThat(r.events().hosts("deploy")).containsExactlyInAnyOrder("h1", "h2");
        assertThat(r.modules().hostsCalled("fake")).doesNotContain("h3", "h4");
        assertThat(r.events().notices())
                .anySatisfy(n -> assertThat(n).contains("max_fail_percentage 49%"));
        assertThat(r.events().tasksStarted()).doesNotContain("next play");
        assertThat(r.events().finished().interrupted()).isFalse();
    }

    @Test
    void exceededMaxFailPercentageStopsTheRestOfTheBatchAfterThatTask() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2", "h3", "h4", "h5")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  max_fail_percentage: 20
                  tasks:
                    - name: deploy
                      fake: {fail_on: [h1, h2]}
                    - name: after
                      fake: {}
                """);
        assertThat(r.events().hosts("deploy")).hasSize(5);
        assertThat(r.events().tasksStarted()).doesNotContain("after");
        assertThat(r.events().notices())
                .anySatisfy(
                        n ->
                                assertThat(n)
                                        .contains("max_fail_percentage 20%")
                                        .contains("after 'deploy'"));
    }

    @Test
    void ansiblePlayBatchHoldsTheCurrentBatch() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2", "h3")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  serial: [1, 2]
                  tasks:
                    - name: batch
                      fake: {value: "${ansible_play_batch}"}
                """);
        assertThat(r.events().result("batch", "h1").data().get("value")).isEqualTo(List.of("h1"));
        assertThat(r.events().result("batch", "h3").data().get("value"))
                .isEqualTo(List.of("h2", "h3"));
    }

    @Test
    void rescueSeesTheFailedTaskAndResult() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - block:
                        - name: breaks
                          fake: {fail_on: [h1], msg: boom}
                      rescue:
                        - name: report
                          fake: {value: "${ansible_failed_task.name}: ${ansible_failed_result.msg}"}
                """);
        assertThat(r.events().result("report", "h1").data().get("value")).isEqualTo("breaks: boom");
    }

    @Test
    void failuresAtTheMaxFailPercentageDoNotStopTheRollout() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2", "h3", "h4")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  serial: 2
                  max_fail_percentage: 50
                  tasks:
                    - name: deploy
                      fake: {fail_on: [h1]}
                """);
        assertThat(r.events().hosts("deploy")).containsExactlyInAnyOrder("h1", "h2", "h3", "h4");
    }

    @Test
    void anyErrorsFatalStopsThePlayForEveryHostAtTheFirstFailure() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2", "h3")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  any_errors_fatal: true
                  tasks:
                    - name: one
                      fake: {fail_on: [h2], status: changed}
                      notify: handler
                    - name: two
                      fake: {}
                  handlers:
                    - name: handler
                      fake: {}
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: next play
                      fake: {}
                """);
        assertThat(r.events().hosts("one")).containsExactlyInAnyOrder("h1", "h2", "h3");
        assertThat(r.events().tasksStarted()).containsExactly("one");
        assertThat(r.events().notices())
                .anySatisfy(n -> assertThat(n).contains("any_errors_fatal"));
        assertThat(r.outcome().anyFailed()).isTrue();
    }

    @Test
    void anIgnoredFailureIsNotFatal() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  any_errors_fatal: true
                  tasks:
                    - name: one
                      fake: {fail_on: [h2]}
                      ignore_errors: true
                    - name: two
                      fake: {}
                """);
        assertThat(r.events().hosts("two")).containsExactlyInAnyOrder("h1", "h2");
    }

    @Test
    void aFailureThatARescueHandlesIsNotFatal() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  any_errors_fatal: true
                  tasks:
                    - block:
                        - name: risky
                          fake: {fail_on: [h2]}
                      rescue:
                        - name: recover
                          fake: {}
                    - name: after
                      fake: {}
                """);
        assertThat(r.events().hosts("recover")).containsExactly("h2");
        assertThat(r.events().hosts("after")).containsExactlyInAnyOrder("h1", "h2");
        assertThat(r.events().notices())
                .noneSatisfy(n -> assertThat(n).contains("any_errors_fatal"));
    }
}
