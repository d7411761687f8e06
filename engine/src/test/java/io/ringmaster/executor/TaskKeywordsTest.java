package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * when, loop, register, changed_when, failed_when, until/retries, as one host's results show them.
 */
class TaskKeywordsTest {
    @TempDir Path dir;

    private Harness.Result run(String tasks) {
        return new Harness(dir)
                .hosts("h1", "h2")
                .run(
                        """
                - hosts: all
                  gather_facts: false
                  vars:
                    wanted: h2
                  tasks:
                """
                                + tasks.indent(4));
    }

    @Test
    void whenFalseSkipsTheHostWithAReason() {
        var r =
                run(
                        """
                - name: only h2
                  fake: {}
                  when: $inventory_hostname == $wanted
                """);
        assertThat(r.events().statuses("only h2"))
                .isEqualTo(Map.of("h1", Status.SKIPPED, "h2", Status.OK));
        assertThat(r.events().result("only h2", "h1").msg())
                .isEqualTo("Conditional result was False");
        assertThat(r.modules().hostsCalled("fake")).containsExactly("h2");
        assertThat(r.events().stats("h1").skipped()).isEqualTo(1);
    }

    @Test
    void loopRunsOncePerItemAndRegistersResultsInAnsiblesShape() {
        var r =
                run(
                        """
                - name: per item
                  fake: {value: "v-${item}"}
                  loop: [a, b, c]
                  register: out
                - name: check
                  fake:
                    value: "${out.results.size()} ${out.results[1].item} ${out.results[2].value} ${out.changed}"
                """);
        TaskResult loop = r.events().result("per item", "h1");
        assertThat(loop.status()).isEqualTo(Status.OK);
        assertThat(loop.items()).extracting(TaskResult::item).containsExactly("a", "b", "c");
        assertThat(loop.items())
                .extracting(i -> i.data().get("value"))
                .containsExactly("v-a", "v-b", "v-c");
        assertThat(r.events().result("check", "h1").data().get("value")).isEqualTo("3 b v-c false");
        assertThat(r.modules().calls("fake")).hasSize(8);
    }

    @Test
    void loopVarRenamesTheItemAndWhenIsTestedPerItem() {
        var r =
                run(
                        """
                - name: renamed
                  fake: {value: "${vm}", change_on: [h1]}
                  loop: [one, two, three]
                  loop_control: {loop_var: vm}
                  when: $vm != 'two'
                  register: out
                - name: check
                  fake: {value: "${out.results[1].skipped} ${out.results[0].vm} ${out.changed}"}
                """);
        TaskResult loop = r.events().result("renamed", "h1");
        assertThat(loop.status()).isEqualTo(Status.CHANGED);
        assertThat(loop.items())
                .extracting(TaskResult::status)
                .containsExactly(Status.CHANGED, Status.SKIPPED, Status.CHANGED);
        assertThat(r.events().result("check", "h1").data().get("value"))
                .as(r.events().transcript())
                .isEqualTo("true one true");
    }

    @Test
    void loopOverAVariableAndAnEmptyLoopIsOk() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  vars:
                    vms: [x, y]
                    none: []
                  tasks:
                    - name: over var
                      fake: {value: "${item}"}
                      loop: ${vms}
                    - name: over nothing
                      fake: {}
                      loop: ${none}
                """);
        assertThat(r.events().result("over var", "h1").items())
                .extracting(TaskResult::item)
                .containsExactly("x", "y");
        assertThat(r.events().result("over nothing", "h1").status()).isEqualTo(Status.OK);
    }

    @Test
    void oneFailedItemFailsTheLoop() {
        var r =
                run(
                        """
                - name: items
                  fake: {cmd: "${item}"}
                  loop: [ok1, FAIL, ok2]
                """);
        TaskResult loop = r.events().result("items", "h1");
        assertThat(loop.status()).isEqualTo(Status.FAILED);
        assertThat(loop.msg()).isEqualTo("One or more items failed");
        assertThat(loop.items())
                .extracting(TaskResult::status)
                .containsExactly(Status.OK, Status.FAILED, Status.OK);
    }

    @Test
    void registerThenChangedWhenAndFailedWhenSeeTheResult() {
        var r =
                run(
                        """
                - name: probe
                  fake: {cmd: "probe ${inventory_hostname}"}
                  register: probe
                  changed_when: $probe.stdout.contains('h2')
                  failed_when: $probe.rc != 0
                - name: use it
                  fake: {value: "${probe.rc}|${probe.changed}"}
                """);
        assertThat(r.events().statuses("probe"))
                .isEqualTo(Map.of("h1", Status.OK, "h2", Status.CHANGED));
        assertThat(r.events().result("use it", "h1").data().get("value")).isEqualTo("0|false");
        assertThat(r.events().result("use it", "h2").data().get("value")).isEqualTo("0|true");
    }

    @Test
    void failedWhenTurnsASuccessIntoAFailureAndChangedWhenFalseHidesAChange() {
        var r =
                run(
                        """
                - name: fails by rule
                  fake: {value: 7}
                  register: out
                  failed_when: $out.value > 5
                  ignore_errors: true
                - name: quiet
                  fake: {status: changed}
                  changed_when: false
                - name: failed_when false rescues a failure
                  fake: {status: failed}
                  failed_when: false
                """);
        TaskResult failed = r.events().result("fails by rule", "h1");
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.msg()).contains("failed_when").contains("$out.value > 5");
        assertThat(r.events().statuses("quiet")).containsValues(Status.OK);
        assertThat(r.events().statuses("failed_when false rescues a failure"))
                .containsOnlyKeys("h1", "h2")
                .containsValues(Status.OK);
    }

    @Test
    void changedItemsOfALoopWithIgnoredErrorsAreCounted() {
        var r =
                run(
                        """
                - name: define three
                  fake: {status: changed, value: $item}
                  loop: [1, 2, 3]
                  failed_when: $item == 2
                  register: out
                  ignore_errors: true
                - name: after
                  fake: {value: $out.changed}
                """);
        TaskResult loop = r.events().result("define three", "h2");
        assertThat(loop.status()).isEqualTo(Status.FAILED);
        assertThat(loop.ignored()).isTrue();
        assertThat(loop.changed()).isTrue();
        assertThat(r.events().stats("h2").changed()).isEqualTo(1);
        assertThat(r.events().stats("h2").ignored()).isEqualTo(1);
        assertThat(r.outcome().anyChanged()).isTrue();
        assertThat(r.events().result("after", "h2").data().get("value")).isEqualTo(true);
    }

    @Test
    void aFailureThatSaysItChangedTheHostCountsAsChanged() {
        var r =
                run(
                        """
                - name: define then fail verification
                  fake: {status: failed, extra_data: {changed: true}}
                  register: out
                  ignore_errors: true
                - name: after
                  fake: {value: $out.changed}
                """);
        TaskResult failed = r.events().result("define then fail verification", "h1");
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.changed()).isTrue();
        assertThat(r.events().stats("h1").changed()).isEqualTo(1);
        assertThat(r.outcome().anyChanged()).isTrue();
        assertThat(r.events().result("after", "h1").data().get("value")).isEqualTo(true);
    }

    @Test
    void untilRetriesUntilTheConditionHolds() {
        var r =
                run(
                        """
                - name: flaky
                  fake: {attempts_needed: 3}
                  register: out
                  until: $out.attempt >= 3
                  retries: 5
                  delay: 0
                - name: after
                  fake: {value: "${out.attempt}"}
                - name: attempts
                  fake: {value: "${out.attempts}"}
                """);
        assertThat(r.events().statuses("flaky")).containsValues(Status.OK);
        assertThat(r.events().result("attempts", "h1").data().get("value")).isEqualTo(3);
        assertThat(r.modules().calls("fake").stream().filter(c -> c.host().equals("h1")).count())
                .isEqualTo(5);
        assertThat(r.events().result("after", "h1").data().get("value")).isEqualTo(3);
    }

    @Test
    void untilThatNeverHoldsFailsAfterRetriesPlusOneAttempts() {
        var r =
                run(
                        """
                - name: hopeless
                  fake: {attempts_needed: 100}
                  register: out
                  until: $out.attempt >= 100
                  retries: 2
                  delay: 0
                """);
        TaskResult t = r.events().result("hopeless", "h1");
        assertThat(t.status()).isEqualTo(Status.FAILED);
        assertThat(t.msg()).contains("Retried 3 times").contains("$out.attempt >= 100");
        assertThat(r.modules().hostsCalled("fake")).hasSize(6);
    }

    @Test
    void aSkippedTaskStillRegistersSkipped() {
        var r =
                run(
                        """
                - name: skipped
                  fake: {}
                  when: false
                  register: out
                - name: check
                  fake: {value: "skipped=${out.skipped}"}
                """);
        assertThat(r.events().result("check", "h1").data().get("value")).isEqualTo("skipped=true");
    }

    @Test
    void notifyIsOnlyForChangedResults() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: maybe change
                      fake: {change_on: [h2]}
                      notify: restart
                  handlers:
                    - name: restart
                      fake: {}
                """);
        assertThat(r.events().hosts("restart")).containsExactly("h2");
        assertThat(List.of(r.events().stats("h2").changed())).containsExactly(1);
    }

    @Test
    void timeoutBoundsEveryRemoteStepOfTheTaskAndOnlyThatTask() {
        var r =
                run(
                        """
                - name: bounded
                  fake: {}
                  timeout: 4.5
                - name: default
                  fake: {}
                """);
        assertThat(r.events().result("bounded", "h1").data().get("step_timeout_ms"))
                .isEqualTo(4500L);
        assertThat(r.events().result("default", "h1").data().get("step_timeout_ms"))
                .isEqualTo(io.ringmaster.module.api.Remote.DEFAULT_STEP_TIMEOUT.toMillis());
    }
}
