package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible's retry files: --retry FILE lists the hosts that failed; --limit @FILE re-runs only
 * those.
 */
class RetryFileTest {
    @TempDir Path dir;

    @Test
    void aRetryFileListsTheFailedHostsAndLimitAtFileRerunsOnlyThose() throws Exception {
        Path playbook =
                Cli.write(
                        dir.resolve("site.yml"),
                        """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: flaky
                      fail: {msg: "not yet"}
                      when: $inventory_hostname != 'h2' && !${fixed|false}
                    - name: mark
                      command: touch %s/$inventory_hostname
                """
                                .formatted(dir));
        Path inventory =
                Cli.write(
                        dir.resolve("hosts.ini"),
                        """
                [all:vars]
                ansible_connection=local
                [web]
                h1
                h2
                h3
                """);
        Path retry = dir.resolve("out/site.retry");
        Cli.Run first =
                Cli.run(
                        "play",
                        playbook.toString(),
                        "-i",
                        inventory.toString(),
                        "--retry",
                        retry.toString());
        assertThat(first.code()).as(first.toString()).isEqualTo(2);
        assertThat(Files.readAllLines(retry)).containsExactly("h1", "h3");
        assertThat(first.err()).contains("--limit @" + retry);
        Files.delete(dir.resolve("h2"));

        Cli.Run again =
                Cli.run(
                        "play",
                        playbook.toString(),
                        "-i",
                        inventory.toString(),
                        "-e",
                        "fixed=true",
                        "--limit",
                        "@" + retry,
                        "--retry",
                        retry.toString());
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out())
                .contains("changed: [h1]")
                .contains("changed: [h3]")
                .doesNotContain("[h2]");
        assertThat(dir.resolve("h2")).doesNotExist();
        assertThat(retry).as("nothing failed: nothing left to retry").doesNotExist();

        Cli.Run missing =
                Cli.run(
                        "play",
                        playbook.toString(),
                        "-i",
                        inventory.toString(),
                        "--limit",
                        "@" + retry);
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.err()).contains("cannot read the --limit file");
    }
}
