package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.error.Position;
import io.ringmaster.expr.Templar;
import io.ringmaster.module.api.ExpressionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template lookup for modules: role, playbook folder, its templates/, the project's templates/, and
 * nowhere else.
 */
class HostExpressionsTest {
    @TempDir Path dir;
    private Path playbookDir;
    private Path project;
    private HostExpressions expr;

    @BeforeEach
    void setUp() throws Exception {
        playbookDir = Files.createDirectories(dir.resolve("site"));
        project = Files.createDirectories(dir.resolve("project/templates"));
        Files.createDirectories(playbookDir.resolve("templates"));
        Files.writeString(dir.resolve("secret.txt"), "top secret $name");
        Files.writeString(playbookDir.resolve("beside.vm"), "beside $name");
        Files.writeString(playbookDir.resolve("templates/shared.vm"), "playbook templates $name");
        Files.writeString(project.resolve("shared.vm"), "project $name");
        Files.writeString(project.resolve("only-project.vm"), "project only $name");
        Files.writeString(project.resolve("dom.xml.vm"), "<name>$name</name>");
        Files.createSymbolicLink(
                playbookDir.resolve("templates/link.vm"), dir.resolve("secret.txt"));
        expr =
                new HostExpressions(
                        new Templar(),
                        Map.of("name", "a</name><evil/>"),
                        List.of(playbookDir, playbookDir.resolve("templates"), project),
                        new Position(dir.resolve("p.yml"), 3, 5));
    }

    @Test
    void looksBesideThePlaybookThenItsTemplatesThenTheProject() throws Exception {
        assertThat(expr.renderTemplate("beside.vm", Map.of())).startsWith("beside ");
        assertThat(expr.renderTemplate("shared.vm", Map.of())).startsWith("playbook templates ");
        assertThat(expr.renderTemplate("only-project.vm", Map.of())).startsWith("project only ");
    }

    @Test
    void xmlTemplatesEscapeValuesAndExtraVarsWin() throws Exception {
        assertThat(expr.renderTemplate("dom.xml.vm", Map.of()))
                .isEqualTo("<name>a&lt;/name&gt;&lt;evil/&gt;</name>");
        assertThat(expr.renderTemplate("dom.xml.vm", Map.of("name", "vm1")))
                .isEqualTo("<name>vm1</name>");
    }

    @Test
    void aValueXmlCannotCarryIsRefusedNamingTheReferenceNotWrittenAsAnIllegalCharacterReference() {
        assertThatThrownBy(() -> expr.renderTemplate("dom.xml.vm", Map.of("name", "vm\u0001")))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("$name")
                .hasMessageContaining("U+0001")
                .hasMessageContaining("XML cannot carry");
    }

    @Test
    void refusesPathsOutsideTheRoots() {
        assertThatThrownBy(() -> expr.renderTemplate("../secret.txt", Map.of()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("points outside");
        assertThatThrownBy(
                        () -> expr.renderTemplate(dir.resolve("secret.txt").toString(), Map.of()))
                .hasMessageContaining("absolute path");
        assertThatThrownBy(() -> expr.renderTemplate("link.vm", Map.of()))
                .hasMessageContaining("is a link to");
    }

    @Test
    void missingTemplateNamesWhereItLooked() {
        assertThatThrownBy(() -> expr.renderTemplate("nope.vm", Map.of()))
                .hasMessageStartingWith(dir.resolve("p.yml") + ":3:5: template 'nope.vm' not found")
                .hasMessageContaining(project.toString());
    }
}
