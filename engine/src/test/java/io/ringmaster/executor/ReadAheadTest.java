package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read-aheads through the real executor: a later task's first read is made inside fact gathering's
 * one exec, and reaches that task only when nothing else ran on the host in between, as the same
 * user, once.
 */
class ReadAheadTest {
    @TempDir Path dir;

    private Harness.Result run(String tasks) {
        return new Harness(dir)
                .hosts("h1", "h2")
                .withReadAheads()
                .run("- hosts: all\n  gather_facts: true\n  tasks:\n" + tasks.indent(4));
    }

    private static Object ahead(Harness.Result r, String task, String host) {
        return r.events().result(task, host).data().get("ahead");
    }

    @Test
    void theReadRunsInsideFactGatheringsExecAndReachesItsTask() {
        var r = run("- name: r\n  reader: {what: \"dom-${inventory_hostname}\"}\n");
        for (String h : List.of("h1", "h2")) {
            assertThat(r.connector().commandsOn(h)).containsExactly("gather; read dom-" + h);
            assertThat(ahead(r, "r", h)).isEqualTo(true);
        }
    }

    @Test
    void itIsCarriedPastTasksThatUseOnlyFacts() {
        var r = run("- name: q\n  quiet: {}\n- name: r\n  reader: {what: x}\n");
        assertThat(r.connector().commandsOn("h1")).containsExactly("gather; read x");
        assertThat(ahead(r, "r", "h1")).isEqualTo(true);
    }

    @Test
    void anythingRunInBetweenDropsIt() {
        var r = run("- name: q\n  quiet: {cmd: touch}\n- name: r\n  reader: {what: x}\n");
        assertThat(r.connector().commandsOn("h1"))
                .containsExactly("gather; read x", "touch", "read x");
        assertThat(ahead(r, "r", "h1")).isEqualTo(false);
    }

    @Test
    void aReadThatNeedsFactsIsMadeByItsTask() {
        var r = run("- name: r\n  reader: {what: \"${ansible_facts.os_family}\"}\n");
        assertThat(r.connector().commandsOn("h1")).containsExactly("gather", "read Debian");
        assertThat(ahead(r, "r", "h1")).isEqualTo(false);
    }

    @Test
    void noReadAheadForAConditionThatDoesNotHoldOrALoop() {
        var skipped = run("- name: r\n  reader: {what: x}\n  when: false\n");
        assertThat(skipped.connector().commandsOn("h1")).containsExactly("gather");
        var looped = run("- name: r\n  reader: {what: \"${item}\"}\n  loop: [a]\n");
        assertThat(looped.connector().commandsOn("h1")).containsExactly("gather", "read a");
    }

    @Test
    void aTaskRunningAsAnotherUserReadsForItself() {
        var r = run("- name: r\n  reader: {what: x}\n  become: true\n");
        assertThat(r.connector().commandsOn("h1")).containsExactly("gather", "[sudo root] read x");
        assertThat(ahead(r, "r", "h1")).isEqualTo(false);
    }

    @Test
    void onlyTheTaskItWasOfferedForGetsIt() {
        var r = run("- name: r\n  reader: {what: x}\n" + "- name: again\n  reader: {what: x}\n");
        assertThat(ahead(r, "r", "h1")).isEqualTo(true);
        assertThat(ahead(r, "again", "h1")).isEqualTo(false);
        assertThat(r.connector().commandsOn("h1")).containsExactly("gather; read x", "read x");
    }
}
