package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.event.RunEvent;
import io.ringmaster.event.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semantics taken from what ansible-playbook (ansible-core 2.14) does with the same tasks, checked
 * through the executor's events.
 */
class AnsibleSemanticsTest {
    @TempDir Path dir;

    @Test
    void untilWithThreeRetriesRunsFourTimesRegistersThreeAndAnnouncesEachRetry() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: retry
                      fake: {attempts_needed: 99}
                      register: out
                      until: $out.attempt == 100
                      retries: 3
                      delay: 0
                      ignore_errors: true
                    - name: after
                      fake: {value: "${out.attempts}"}
                """);
        assertThat(r.modules().calls("fake")).hasSize(5);
        assertThat(r.events().result("retry", "h1").status()).isEqualTo(Status.FAILED);
        assertThat(r.events().result("after", "h1").data().get("value")).isEqualTo(3);
        assertThat(r.events().of(RunEvent.Retrying.class))
                .extracting(RunEvent.Retrying::retriesLeft)
                .containsExactly(3, 2, 1);
    }

    @Test
    void untilThatSucceedsRegistersTheAttemptItTookAndFailedWhenFalseRescuesAnExhaustedOne() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: second time lucky
                      fake: {attempts_needed: 2}
                      register: out
                      until: $out.attempt == 2
                      retries: 3
                      delay: 0
                    - name: never but fine
                      fake: {status: changed}
                      register: never
                      until: $never.changed == false
                      retries: 2
                      delay: 0
                      failed_when: false
                    - name: after
                      fake: {value: "${out.attempts} ${never.attempts}"}
                """);
        assertThat(r.events().result("never but fine", "h1").status()).isEqualTo(Status.CHANGED);
        assertThat(r.events().result("after", "h1").data().get("value")).isEqualTo("2 2");
        assertThat(r.outcome().anyFailed()).isFalse();
    }

    @Test
    void aMissingFieldInWhenFailsTheTaskInsteadOfSkippingIt() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: first
                      fake: {}
                      register: out
                    - name: guarded
                      fake: {}
                      when: $out.nosuchfield == 1
                """);
        assertThat(r.events().result("guarded", "h1").status()).isEqualTo(Status.FAILED);
        assertThat(r.events().result("guarded", "h1").msg())
                .contains("field 'nosuchfield' of $out is not defined");
    }

    @Test
    void taskNamesAreRenderedInEventsAndAHandlerMayHaveOnlyAListenTopic() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  vars: {who: world}
                  tasks:
                    - name: greet ${who}
                      fake: {status: changed}
                      notify: topic
                    - name: item ${item} stays as written
                      fake: {}
                      loop: [1]
                  handlers:
                    - fake: {value: heard}
                      listen: topic
                """);
        assertThat(r.events().tasksStarted())
                .containsExactly("greet world", "item ${item} stays as written", "fake");
        assertThat(r.events().result("fake", "h1").data().get("value")).isEqualTo("heard");
    }

    @Test
    void ignoreErrorsMayBeAConditionOnTheTasksVariables() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: flaky
                      fake: {status: failed}
                      ignore_errors: $inventory_hostname == 'h1'
                    - name: after
                      fake: {}
                """);
        assertThat(r.events().result("flaky", "h1").ignored()).isTrue();
        assertThat(r.events().result("flaky", "h2").ignored()).isFalse();
        assertThat(r.events().hosts("after")).containsExactly("h1");
    }

    @Test
    void anIgnoreErrorsConditionWithBadSyntaxIsRefusedBeforeTheRun() {
        var errors =
                new Harness(dir)
                        .hosts("h1")
                        .validate(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - fake: {}
                      ignore_errors: $x ==
                """);
        assertThat(errors).hasSize(1);
    }
}
