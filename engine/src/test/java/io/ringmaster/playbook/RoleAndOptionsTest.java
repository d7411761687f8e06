package io.ringmaster.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.error.Position;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoleAndOptionsTest {
    private static final Path DIR = Path.of("src/test/resources/playbooks").toAbsolutePath();
    private static Play play;

    @BeforeAll
    static void load() {
        play =
                PlaybookLoader.load(
                                DIR.resolve("features.yml"), List.of(DIR.resolve("extra_roles")))
                        .plays()
                        .get(0);
    }

    private static Task task(int i) {
        return (Task) play.tasks().get(i);
    }

    @Test
    void stepsAreInOrder() {
        assertThat(play.tasks())
                .extracting(n -> n instanceof Task t ? t.name() : "block " + ((Block) n).name())
                .containsExactly(
                        "Common setup",
                        "block role monitor",
                        "Items",
                        "Expression loop",
                        "Args merged",
                        "Write nginx config",
                        "Common setup",
                        "shell");
    }

    @Test
    void aRoleUsedTwiceWithTheSameParametersRunsOnceButImportRoleAlwaysRuns() {
        assertThat(play.tasks())
                .filteredOn(n -> n instanceof Task t && t.name().equals("Common setup"))
                .hasSize(2);
        assertThat(task(6).role().name()).isEqualTo("common");
    }

    @Test
    void roleWhenAndBecomeWrapTheRoleInABlockAndRolesPathIsSearched() {
        Block monitor = (Block) play.tasks().get(1);
        assertThat(monitor.options().when()).extracting(Expr::text).containsExactly("$monitoring");
        assertThat(monitor.options().become()).isEqualTo(new BecomeSpec(true, null));
        Task inner = (Task) monitor.block().get(0);
        assertThat(inner.role().dir()).isEqualTo(DIR.resolve("extra_roles/monitor"));
        assertThat(inner.options().tags()).containsExactly("a", "b");
    }

    @Test
    void playOptionsSingleValuesBecomeLists() {
        assertThat(play.serial()).containsExactly("25%");
        assertThat(play.varsFiles()).containsExactly("vars/common.yml");
        assertThat(play.anyErrorsFatal()).isTrue();
        assertThat(play.tags()).containsExactly("a", "b");
        assertThat(play.name()).isEqualTo("app");
    }

    @Test
    void withItemsIsALoopAndAStringLoopIsAnExpression() {
        assertThat(task(2).options().loop()).isEqualTo(List.of(1L, 2L));
        assertThat(task(2).options().loopVar()).isEqualTo("item");
        assertThat(task(3).options().loop())
                .isEqualTo(new Expr("$users", new Position(DIR.resolve("features.yml"), 19, 13)));
        assertThat(task(3).options().loopVar()).isEqualTo("x");
    }

    @Test
    void argsAreMergedAndTaskKeywordsRead() {
        Task t = task(4);
        assertThat(t.args())
                .containsExactly(Map.entry("chdir", "/tmp"), Map.entry(Task.FREE_FORM, "echo hi"));
        assertThat(t.argPositions()).containsKeys("chdir", Task.FREE_FORM);
        assertThat(t.options().failedWhen())
                .extracting(Expr::text)
                .containsExactly("$out.rc != 0", "false");
        assertThat(t.options().changedWhen()).isNull();
        assertThat(t.options().ignoreErrors()).isTrue();
        assertThat(t.options().checkMode()).isFalse();
        assertThat(t.options().become()).isEqualTo(new BecomeSpec(null, "postgres"));
        assertThat(t.options().vars()).containsExactly(Map.entry("x", 1L));
    }

    @Test
    void includeRoleTasksFromExpandsThatFileAndAddsTheRoleHandlers() {
        Task config = task(5);
        assertThat(config.role().name()).isEqualTo("webserver");
        assertThat(config.role().defaults()).containsEntry("listen_port", 80L);
        assertThat(config.options().tags()).containsExactly("cfg", "a", "b");
        assertThat(play.handlers()).extracting(Task::name).containsExactly("restart nginx");
    }

    @Test
    void legacyPrefixIsStripped() {
        assertThat(task(7).module()).isEqualTo("shell");
        assertThat(task(7).args()).containsExactly(Map.entry(Task.FREE_FORM, "date"));
    }
}
