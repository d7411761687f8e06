package io.ringmaster.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.error.Position;
import io.ringmaster.module.api.ExpressionException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplarTest {
    private final Templar templar = new Templar();
    private final Position where = new Position(Path.of("site.yml"), 12, 7);
    private final Map<String, Object> vars =
            Map.of(
                    "name",
                    "web1",
                    "vms",
                    List.of("db1", "db2"),
                    "out",
                    Map.of("rc", 0L, "stdout", "hello", "results", List.of(1, 2, 3)),
                    "memory",
                    4096L,
                    "enabled",
                    true);

    @Test
    void aConditionThatIsATruthWordStandsForItselfAsAModuleBooleanDoes() throws Exception {
        for (String yes : List.of("true", "Yes", "on", "1", "y")) {
            assertThat(templar.test(yes, vars, where)).as(yes).isTrue();
            assertThat(Truth.ofWord(yes)).as(yes).contains(true);
        }
        for (String no : List.of("false", "NO", "off", "0", "n", "")) {
            assertThat(templar.test(no, vars, where)).as(no).isFalse();
        }
        assertThat(Truth.ofWord("maybe")).isEmpty();
    }

    @Test
    void interpolatesVariablesInStrings() throws Exception {
        assertThat(templar.render("host ${name} has $memory MiB", vars, where))
                .isEqualTo("host web1 has 4096 MiB");
    }

    @Test
    void singleReferenceKeepsItsType() throws Exception {
        assertThat(templar.render("${vms}", vars, where)).isEqualTo(List.of("db1", "db2"));
        assertThat(templar.render("${memory}", vars, where)).isEqualTo(4096L);
        assertThat(templar.render("$enabled", vars, where)).isEqualTo(true);
        assertThat(templar.render("${out.results.size()}", vars, where)).isEqualTo(3);
    }

    @Test
    void rendersMapsAndListsDeeply() throws Exception {
        Object r = templar.render(Map.of("a", List.of("${name}", 1L)), vars, where);
        assertThat(r).isEqualTo(Map.of("a", List.of("web1", 1L)));
    }

    @Test
    void undefinedVariableIsAnErrorNamingItAndItsPosition() {
        assertThatThrownBy(() -> templar.render("disk of ${vm_name}", vars, where))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("site.yml:12:7: variable $vm_name is not defined")
                .hasMessageContaining("${vm_name|'value'}")
                .hasMessageContaining("$$vm_name");
    }

    @Test
    void missingFieldIsAnError() {
        assertThatThrownBy(() -> templar.render("x ${out.nope} y", vars, where))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("site.yml:12:7")
                .hasMessageContaining("out.nope");
    }

    @Test
    void doubleDollarIsALiteralDollarForTheShell() throws Exception {
        assertThat(templar.render("echo $$HOME and ${name}", vars, where))
                .isEqualTo("echo $HOME and web1");
    }

    @Test
    void defaultValueAndDefinednessTest() throws Exception {
        assertThat(templar.render("${missing|'fallback'}", vars, where)).isEqualTo("fallback");
        assertThat(templar.test("!$missing", vars, where)).isTrue();
        assertThat(templar.test("$name", vars, where)).isTrue();
    }

    @Test
    void conditionsEvaluate() throws Exception {
        assertThat(templar.test("$out.rc == 0", vars, where)).isTrue();
        assertThat(templar.test("$out.rc != 0", vars, where)).isFalse();
        assertThat(templar.test("$memory >= 2048 && $name == 'web1'", vars, where)).isTrue();
        assertThat(templar.test("${enabled}", vars, where)).isTrue();
        assertThat(templar.test("true", vars, where)).isTrue();
        assertThat(templar.test("false", vars, where)).isFalse();
    }

    @Test
    void bareAnsibleStyleConditionGetsAHint() {
        assertThatThrownBy(() -> templar.test("name == 'web1'", vars, where))
                .hasMessageContaining("variables start with $");
    }

    @Test
    void xmlTemplatesEscapeEveryInsertedValue() throws Exception {
        Map<String, Object> hostile = Map.of("vm", "a</name><evil/>'\"&");
        String xml = templar.renderTemplate("d.xml.vm", "<name>$vm</name>", hostile, true);
        assertThat(xml).isEqualTo("<name>a&lt;/name&gt;&lt;evil/&gt;&apos;&quot;&amp;</name>");
    }

    @Test
    void setInsideATemplateDoesNotTouchTheVariables() throws Exception {
        String out = templar.renderTemplate("t.vm", "#set($x = 3)$x $name", vars, false);
        assertThat(out).isEqualTo("3 web1");
    }

    @Test
    void plainStringsSkipVelocity() throws Exception {
        assertThat(templar.render("no expressions here", Map.of(), where))
                .isEqualTo("no expressions here");
    }
}
