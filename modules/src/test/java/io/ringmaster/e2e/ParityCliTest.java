package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semantics that must match ansible-playbook's, run through the real command line on the implicit
 * localhost; where ansible-playbook is installed the same file also runs through it and the task
 * sequences must be equal.
 */
class ParityCliTest {
    @TempDir Path dir;

    private static final String FLUSHES =
            """
            - hosts: localhost
              gather_facts: false
              pre_tasks:
                - name: pre
                  debug: {msg: pre}
                  changed_when: true
                  notify: restart
              tasks:
                - name: main
                  debug: {msg: main}
                  changed_when: true
                  notify: restart
                - name: now
                  meta: flush_handlers
                - name: after flush
                  debug: {msg: after}
                  changed_when: true
                  notify: restart
              post_tasks:
                - name: post
                  debug: {msg: post}
                  changed_when: true
                  notify: restart
              handlers:
                - name: restart
                  debug: {msg: restarted}
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: end it
                  meta: end_host
                - name: never
                  debug: {msg: never}
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: next play
                  debug: {msg: next}
            """;

    private static final List<String> EXPECTED =
            List.of(
                    "pre",
                    "handler:restart",
                    "main",
                    "now",
                    "handler:restart",
                    "after flush",
                    "handler:restart",
                    "post",
                    "handler:restart",
                    "end it",
                    "next play");

    @Test
    void handlersFlushAndMetaActAsInAnsible() {
        Path pb = Cli.write(dir.resolve("flush.yml"), FLUSHES);
        Cli.Run r = Cli.run("play", pb.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(AnsibleSideBySide.headers(r.out())).as(r.out()).isEqualTo(EXPECTED);
    }

    @Test
    void ansiblePlaybookRunsTheSameSequence() throws Exception {
        Assumptions.assumeTrue(AnsibleSideBySide.installed(), "ansible-playbook is not installed");
        Path pb = Cli.write(dir.resolve("flush.yml"), FLUSHES);
        String out = AnsibleSideBySide.play(pb);
        assertThat(AnsibleSideBySide.headers(out)).as(out).isEqualTo(EXPECTED);
    }

    @Test
    void includeVarsSetsVariablesFromTheVarsFolder() {
        Cli.write(dir.resolve("vars/site.yml"), "pool: fast\nsizes: [1, 2]\n");
        Path pb =
                Cli.write(
                        dir.resolve("iv.yml"),
                        """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - include_vars: site.yml
                    - include_vars: {file: site.yml, name: site}
                    - assert:
                        that:
                          - '$pool == "fast"'
                          - '$sizes.get(1) == 2'
                          - '$site.pool == "fast"'
                    - include_vars: nosuch.yml
                """);
        Cli.Run r = Cli.run("play", pb.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).contains("could not find nosuch.yml").contains("vars/nosuch.yml");
        assertThat(r.recap("localhost")[0]).isEqualTo(3);
    }

    /**
     * The same tasks in both languages; the console lines that matter must be Ansible's, word for
     * word.
     */
    @Test
    void retriesAssertionsAndRenderedNamesPrintAsAnsiblePrintsThem() throws Exception {
        String body =
                """
                - hosts: localhost
                  gather_facts: false
                  vars: {who: world}
                  tasks:
                    - name: retry
                      command: /bin/false
                      register: out
                      until: COND
                      retries: 2
                      delay: 0
                      ignore_errors: true
                    - name: greet NAME
                      assert: {that: ['1 == 1']}
                """;
        Path ours =
                Cli.write(
                        dir.resolve("ours.yml"),
                        body.replace("COND", "$out.rc == 0").replace("NAME", "${who}"));
        Cli.Run r = Cli.run("play", ours.toString());
        List<String> lines =
                List.of(
                        "FAILED - RETRYING: [localhost]: retry (2 retries left).",
                        "FAILED - RETRYING: [localhost]: retry (1 retries left).",
                        "TASK [greet world]",
                        "\"msg\": \"All assertions passed\"");
        for (String line : lines) {
            assertThat(r.out()).as(r.toString()).contains(line);
        }
        if (AnsibleSideBySide.installed()) {
            Path theirs =
                    Cli.write(
                            dir.resolve("theirs.yml"),
                            body.replace("COND", "out.rc == 0").replace("NAME", "{{ who }}"));
            String out = AnsibleSideBySide.play(theirs);
            for (String line : lines) {
                assertThat(out).as(out).contains(line);
            }
        }
    }

    @Test
    void listTasksSelectsWhatTagsSelectAsAnsibleDoes() throws Exception {
        Path pb =
                Cli.write(
                        dir.resolve("tags.yml"),
                        """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: a
                      debug: {msg: a}
                      tags: [web]
                    - name: b
                      debug: {msg: b}
                    - name: c
                      debug: {msg: c}
                      tags: [never, debugonly]
                    - name: d
                      debug: {msg: d}
                      tags: [always]
                """);
        Map<List<String>, String> cases =
                Map.of(
                        List.of(), "a\tTAGS: [web]|b\tTAGS: []|d\tTAGS: [always]",
                        List.of("--tags", "web"), "a\tTAGS: [web]|d\tTAGS: [always]",
                        List.of("--skip-tags", "web"), "b\tTAGS: []|d\tTAGS: [always]",
                        List.of("--tags", "debugonly"),
                                "c\tTAGS: [debugonly, never]|d\tTAGS: [always]");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> args =
                    new java.util.ArrayList<>(List.of("play", pb.toString(), "--list-tasks"));
            args.addAll(c.getKey());
            Cli.Run r = Cli.run(args.toArray(String[]::new));
            assertThat(taskLines(r.out())).as(c.getKey() + "\n" + r).isEqualTo(c.getValue());
            if (AnsibleSideBySide.installed()) {
                String theirs =
                        AnsibleSideBySide.play(
                                pb,
                                java.util.stream.Stream.concat(
                                                Stream.of("--list-tasks"), c.getKey().stream())
                                        .toArray(String[]::new));
                assertThat(taskLines(theirs))
                        .as(c.getKey() + "\n" + theirs)
                        .isEqualTo(c.getValue());
            }
        }
    }

    private static String taskLines(String out) {
        return String.join(
                "|", out.lines().filter(l -> l.matches("\\s{6}\\S.*")).map(String::strip).toList());
    }

    @Test
    void checkAssertNoChangesSaysWhatItCouldNotPredictAndCanCountIt() {
        Path pb =
                Cli.write(
                        dir.resolve("unpredictable.yml"),
                        """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: opaque
                      command: /bin/true
                """);
        Cli.Run lenient = Cli.run("play", pb.toString(), "--check", "--assert-no-changes");
        assertThat(lenient.code()).as(lenient.toString()).isZero();
        assertThat(lenient.err())
                .contains("1 task result(s) were skipped under --check")
                .contains("'opaque' on localhost")
                .contains("--unpredictable-as-changed");
        Cli.Run strict =
                Cli.run(
                        "play",
                        pb.toString(),
                        "--check",
                        "--assert-no-changes",
                        "--unpredictable-as-changed");
        assertThat(strict.code()).as(strict.toString()).isEqualTo(8);
    }

    @Test
    void dashCLocalRunsAnInventoryHostOnTheControlMachine() {
        Path pb =
                Cli.write(
                        dir.resolve("c.yml"),
                        """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - command: /bin/true
                      changed_when: false
                """);
        // a loopback address nothing listens on: the SSH attempt is refused at once, and stays on
        // this machine
        Path inv = Cli.write(dir.resolve("hosts.ini"), "rmq-nohost ansible_host=127.0.99.254\n");
        Cli.Run ssh =
                Cli.run(
                        "play",
                        pb.toString(),
                        "-i",
                        inv.toString(),
                        "-T",
                        "1",
                        "--ssh-config",
                        dir.resolve("none").toString(),
                        "--known-hosts",
                        dir.resolve("kh").toString());
        assertThat(ssh.code()).as(ssh.toString()).isEqualTo(3);
        Cli.Run local = Cli.run("play", pb.toString(), "-i", inv.toString(), "-c", "local");
        assertThat(local.code()).as(local.toString()).isZero();
    }

    @Test
    void startAtTaskSkipsWhatComesBeforeAndBecomeFlagsAreLowestPrecedenceDefaults() {
        Path pb =
                Cli.write(
                        dir.resolve("start.yml"),
                        """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: one
                      debug: {msg: one}
                - hosts: localhost
                  gather_facts: false
                  become: false
                  tasks:
                    - name: two
                      debug: {msg: "become=${ansible_become} as ${ansible_become_user}"}
                    - name: three
                      command: id -un
                      register: who
                    - name: not root by sudo
                      assert: {that: ['$who.rc == 0']}
                """);
        Cli.Run r =
                Cli.run(
                        "play",
                        pb.toString(),
                        "--start-at-task",
                        "two",
                        "-b",
                        "--become-user",
                        "rmq");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(AnsibleSideBySide.headers(r.out()))
                .containsExactly("two", "three", "not root by sudo");
        assertThat(r.out()).contains("become=true as rmq");
    }
}
