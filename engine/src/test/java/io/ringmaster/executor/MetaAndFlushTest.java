package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where handlers run and what meta does, as ansible-playbook 2.14 does it: a flush after pre_tasks,
 * after roles and tasks, and at the end; meta: flush_handlers, end_host, end_batch, end_play.
 */
class MetaAndFlushTest {
    @TempDir Path dir;

    @Test
    void handlersFlushAfterPreTasksAfterTasksAndAtTheEnd() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  pre_tasks:
                    - name: pre
                      fake: {status: changed}
                      notify: restart
                  tasks:
                    - name: main
                      fake: {status: changed}
                      notify: restart
                  post_tasks:
                    - name: post check
                      fake: {status: changed}
                      notify: restart
                  handlers:
                    - name: restart
                      fake: {}
                """);
        assertThat(r.events().tasksStarted())
                .containsExactly("pre", "restart", "main", "restart", "post check", "restart");
    }

    @Test
    void aPlayWithOnlyTasksStillFlushesOnceAtTheEnd() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: a
                      fake: {status: changed}
                      notify: restart
                    - name: b
                      fake: {}
                  handlers:
                    - name: restart
                      fake: {}
                """);
        assertThat(r.events().tasksStarted()).containsExactly("a", "b", "restart");
    }

    @Test
    void flushHandlersRunsThemNowAndOnlyOnce() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: a
                      fake: {change_on: [h1]}
                      notify: restart
                    - meta: flush_handlers
                    - name: b
                      fake: {}
                  handlers:
                    - name: restart
                      fake: {}
                """);
        assertThat(r.events().tasksStarted()).containsExactly("a", "meta", "restart", "b");
        assertThat(r.events().hosts("restart")).containsExactly("h1");
    }

    @Test
    void endHostEndsThePlayForThatHostOnlyWithoutFailingIt() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - meta: end_host
                      when: $inventory_hostname == 'h1'
                    - name: after
                      fake: {}
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: next play
                      fake: {}
                """);
        assertThat(r.events().hosts("after")).containsExactly("h2");
        assertThat(r.events().hosts("next play")).containsExactlyInAnyOrder("h1", "h2");
        assertThat(r.outcome().anyFailed()).isFalse();
    }

    @Test
    void endHostOnEveryHostMovesOnToTheNextPlay() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - meta: end_host
                    - name: never
                      fake: {}
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: next play
                      fake: {}
                """);
        assertThat(r.events().tasksStarted()).containsExactly("meta", "next play");
    }

    @Test
    void endPlayStopsEveryHostAndLaterBatchesButNotTheNextPlay() {
        var r =
                new Harness(dir)
                        .hosts("h1", "h2", "h3")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  serial: 1
                  tasks:
                    - name: first
                      fake: {}
                    - meta: end_play
                    - name: never
                      fake: {}
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: next play
                      fake: {}
                """);
        assertThat(r.events().hosts("first")).containsExactly("h1");
        assertThat(r.events().hosts("never")).isEmpty();
        assertThat(r.events().hosts("next play")).hasSize(3);
    }

    @Test
    void aMistypedMetaActionIsRefusedBeforeTheRun() {
        var errors =
                new Harness(dir)
                        .hosts("h1")
                        .validate(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - meta: flush_handler
                """);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getMessage()).contains("flush_handlers");
    }
}
