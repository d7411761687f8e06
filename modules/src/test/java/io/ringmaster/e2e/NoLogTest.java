package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 10: {@code no_log: true} on a task, a block or a play hides the result everywhere:
 * the console at every verbosity, --json, --junit, --diff and failure messages. The registered
 * variable keeps the real value.
 */
class NoLogTest {
    private static final String SECRET = "s3cr3t-T0KEN";

    @TempDir Path dir;

    @Test
    void aTaskWithNoLogShowsItsResultCensoredEverywhere() throws Exception {
        Files.writeString(dir.resolve("token.conf.vm"), "token=$token\n");
        Path playbook =
                Cli.write(
                        dir.resolve("secret.yml"),
                        """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    token: %s
                  tasks:
                    - name: echo
                      command: echo $token
                      register: out
                      no_log: true
                    - name: loop
                      command: echo $item
                      loop: ["$token", "b"]
                      no_log: true
                    - name: write
                      template: {src: token.conf.vm, dest: %s}
                      no_log: true
                    - name: real value is registered
                      assert:
                        that: $out.stdout == $token
                    - block:
                        - name: fails with the secret in its message
                          fail: {msg: "bad $token"}
                      no_log: true
                      rescue:
                        - name: rescued
                          debug: {msg: rescued}
                - hosts: localhost
                  gather_facts: false
                  no_log: true
                  vars:
                    token: %s
                  tasks:
                    - name: play level
                      debug: {msg: "$token"}
                """
                                .formatted(SECRET, dir.resolve("token.conf"), SECRET));
        Path json = dir.resolve("run.json");
        Path junit = dir.resolve("run.xml");
        Cli.Run r =
                Cli.run(
                        "play",
                        playbook.toString(),
                        "-vvv",
                        "--diff",
                        "--json",
                        json.toString(),
                        "--junit",
                        junit.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out() + r.err())
                .doesNotContain(SECRET)
                .contains(
                        "the output has been hidden due to the fact that 'no_log: true' was specified")
                .contains("(item=None)");
        assertThat(Files.readString(json)).doesNotContain(SECRET).contains("censored");
        assertThat(Files.readString(junit)).doesNotContain(SECRET);
        assertThat(Files.readString(dir.resolve("token.conf"))).isEqualTo("token=" + SECRET + "\n");
        assertThat(r.recap("localhost")[1]).as(r.toString()).isEqualTo(3);
    }
}
