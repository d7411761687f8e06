package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.error.UserError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mistake the validator finds, all at once, each at its position, before any host is
 * contacted.
 */
class ValidatorTest {
    @TempDir Path dir;

    private static final String BROKEN =
            """
            - hosts: all
              gather_facts: false
              tasks:
                - name: typo in module
                  fak: {}
                - name: typo in param
                  fake: {stauts: ok}
                - name: missing required
                  needs: {count: 3}
                - name: jinja arg
                  fake: {value: "{{ inventory_hostname }}"}
                - name: jinja condition
                  fake: {}
                  when: "{{ x }}"
                - name: bad choice
                  fake: {status: changd}
                - name: bad type
                  needs: {name: n, count: many}
              handlers:
                - name: restart
                  fake: {}
            """;

    @Test
    void reportsEveryProblemWithPositionAndSuggestion() {
        Harness h = new Harness(dir);
        List<UserError> errors = h.validate(BROKEN);
        List<String> messages = errors.stream().map(UserError::getMessage).toList();
        assertThat(messages).hasSize(7);
        assertThat(messages.get(0))
                .contains("play.yml:4:")
                .contains("unknown module 'fak'")
                .contains("did you mean 'fake'?")
                .contains("ringmaster modules");
        assertThat(messages)
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .contains("play.yml:7:")
                                        .contains("unknown parameter 'stauts'")
                                        .contains("did you mean 'status'?"));
        assertThat(messages)
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .contains("play.yml:8:")
                                        .contains("missing required parameter 'name'"));
        assertThat(messages)
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .contains("play.yml:11:")
                                        .contains("Jinja2")
                                        .contains("${name}"));
        assertThat(messages)
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .contains("play.yml:14:")
                                        .contains("Jinja2 syntax {{ }} in a condition"));
        assertThat(messages)
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .contains("must be one of [ok, changed, failed]")
                                        .contains("did you mean 'changed'?"));
        assertThat(messages)
                .anySatisfy(m -> assertThat(m).contains("'count'").contains("whole number"));
        assertThat(errors).allSatisfy(e -> assertThat(e.position()).isNotNull());
    }

    @Test
    void nothingRunsWhenThePlaybookIsInvalid() {
        Harness h = new Harness(dir).hosts("h1");
        assertThatThrownBy(() -> h.run(BROKEN))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("validation failed");
        assertThat(h.modules.calls).isEmpty();
        assertThat(h.connector.connects).isEmpty();
    }

    @Test
    void valuesHoldingExpressionsAreCheckedOnlyOnceRendered() {
        Harness h = new Harness(dir);
        assertThat(
                        h.validate(
                                """
                - hosts: all
                  tasks:
                    - needs: {name: n, count: "${n}"}
                    - fake: {status: "${s}"}
                """))
                .isEmpty();
    }

    @Test
    void aBadRenderedValueFailsTheTaskOnTheHost() {
        var r =
                new Harness(dir)
                        .hosts("h1")
                        .extra("n", "many")
                        .run(
                                """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: count
                      needs: {name: n, count: "${n}"}
                """);
        assertThat(r.events().result("count", "h1").msg())
                .contains("play.yml:4:")
                .contains("'count'")
                .contains("whole number")
                .contains("many");
    }

    @Test
    void expressionSyntaxErrorsAreFoundBeforeTheRun() {
        List<String> messages =
                new Harness(dir)
                                .validate(
                                        """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: bare condition
                      fake: {}
                      when: x == 1
                    - name: broken changed_when
                      fake: {}
                      changed_when: $out.rc ==
                    - name: unclosed if
                      fake: {value: "#if($x) yes"}
                """)
                                .stream()
                                .map(UserError::getMessage)
                                .toList();
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0))
                .contains("play.yml:6:")
                .contains("`x == 1`")
                .contains("variables start with $");
        assertThat(messages.get(1)).contains("play.yml:9:").contains("`$out.rc ==`");
        assertThat(messages.get(2)).contains("play.yml:11:").contains("syntax error");
    }
}
