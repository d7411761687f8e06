package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.event.Status;
import io.ringmaster.event.TaskResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --tags/--skip-tags with always and never; --check with modules that can and cannot predict. */
class TagsAndCheckModeTest {
    @TempDir Path dir;

    private static final String TAGGED =
            """
            - hosts: all
              gather_facts: false
              tasks:
                - name: untagged
                  fake: {}
                - name: config
                  fake: {}
                  tags: [config]
                - name: packages
                  fake: {}
                  tags: packages
                - name: always
                  fake: {}
                  tags: [always]
                - name: debug only
                  fake: {}
                  tags: [never, debug]
                - name: tagged block
                  tags: config
                  block:
                    - name: inherits config
                      fake: {}
            """;

    @Test
    void withoutTagsEverythingButNeverRuns() {
        var r = new Harness(dir).hosts("h1").run(TAGGED);
        assertThat(r.events().tasksStarted())
                .containsExactly("untagged", "config", "packages", "always", "inherits config");
    }

    @Test
    void tagsSelectTaggedTasksPlusAlways() {
        var r = new Harness(dir).hosts("h1").tags("config").run(TAGGED);
        assertThat(r.events().tasksStarted())
                .containsExactly("config", "always", "inherits config");
    }

    @Test
    void aNeverTaskRunsWhenOneOfItsOtherTagsIsAsked() {
        var r = new Harness(dir).hosts("h1").tags("debug").run(TAGGED);
        assertThat(r.events().tasksStarted()).containsExactly("always", "debug only");
    }

    @Test
    void skipTagsWinAndAlwaysCanBeSkippedExplicitly() {
        var r = new Harness(dir).hosts("h1").skipTags("config").run(TAGGED);
        assertThat(r.events().tasksStarted()).containsExactly("untagged", "packages", "always");
        var r2 =
                new Harness(dir.resolve("2"))
                        .hosts("h1")
                        .skipTags("always", "packages")
                        .run(TAGGED);
        assertThat(r2.events().tasksStarted())
                .containsExactly("untagged", "config", "inherits config");
    }

    @Test
    void checkModeSkipsAModuleThatCannotPredictWithAReason() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .check()
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: predicts
                      fake: {status: changed, value: "${ansible_check_mode}"}
                    - name: cannot predict
                      nocheck: {cmd: "rm -rf /srv/x"}
                """);
        assertThat(r.events().result("predicts", "h1").status()).isEqualTo(Status.CHANGED);
        assertThat(r.events().result("predicts", "h1").data().get("value")).isEqualTo(true);
        assertThat(r.modules().calls("fake"))
                .singleElement()
                .satisfies(c -> assertThat(c.checkMode()).isTrue());
        TaskResult skipped = r.events().result("cannot predict", "h1");
        assertThat(skipped.status()).isEqualTo(Status.SKIPPED);
        assertThat(skipped.msg()).contains("check mode").contains("nocheck");
        assertThat(r.modules().calls("nocheck")).isEmpty();
        assertThat(r.connector().commandsOn("h1")).isEmpty();
        assertThat(
                        r.events()
                                .of(io.ringmaster.event.RunEvent.PlaybookStarted.class)
                                .get(0)
                                .checkMode())
                .isTrue();
    }

    @Test
    void checkModeFalseOnATaskForcesARealRunUnderCheck() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .check()
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: read-only probe
                      nocheck: {cmd: "cat /proc/version"}
                      check_mode: false
                """);
        assertThat(r.events().result("read-only probe", "h1").status()).isEqualTo(Status.OK);
        assertThat(r.modules().calls("nocheck"))
                .singleElement()
                .satisfies(c -> assertThat(c.checkMode()).isFalse());
        assertThat(r.connector().commandsOn("h1")).containsExactly("cat /proc/version");
    }

    @Test
    void checkModeTrueOnATaskPredictsEvenInARealRun() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: dry
                      fake: {}
                      check_mode: true
                    - name: cannot
                      nocheck: {}
                      check_mode: true
                """);
        assertThat(r.modules().calls("fake"))
                .singleElement()
                .satisfies(c -> assertThat(c.checkMode()).isTrue());
        assertThat(r.events().result("cannot", "h1").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aHandlerNotifiedByASelectedTaskRunsThoughItIsNotTagged() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .tags("config")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: write config
                      fake: {status: changed}
                      tags: [config]
                      notify: restart
                  handlers:
                    - name: restart
                      fake: {}
                """);
        assertThat(r.events().tasksStarted()).containsExactly("write config", "restart");
    }
}
