package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 11: a literal template src outside the template folders is refused in validation
 * (exit 4), before any host is contacted (the inventory's host listens nowhere, so contacting it
 * would fail differently).
 */
class TemplateRootsValidationTest {
    @TempDir Path dir;

    @Test
    void aTemplateSrcClimbingOutOfTheTemplateFoldersIsRefusedBeforeAnyHostIsContacted() {
        Path playbook =
                Cli.write(
                        dir.resolve("steal.yml"),
                        """
                - hosts: all
                  tasks:
                    - name: steal
                      template:
                        src: ../../../../etc/passwd
                        dest: /tmp/rme-passwd
                    - name: absolute
                      template: {src: /etc/shadow, dest: /tmp/rme-shadow}
                """);
        Path inventory =
                Cli.write(
                        dir.resolve("hosts.ini"),
                        "rme-nowhere ansible_host=127.0.0.1 ansible_port=1\n");
        Cli.Run r = Cli.run("play", playbook.toString(), "-i", inventory.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err())
                .contains(
                        "steal.yml:5:",
                        "template '../../../../etc/passwd' is outside the template folders")
                .contains("template '/etc/shadow' is outside the template folders")
                .contains("2 error(s); nothing was run");
        assertThat(r.out()).doesNotContain("rme-nowhere");
        assertThat(Path.of("/tmp/rme-passwd")).doesNotExist();
    }
}
