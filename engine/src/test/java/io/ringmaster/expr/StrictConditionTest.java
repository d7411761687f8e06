package io.ringmaster.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.module.api.ExpressionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A condition reading a field that does not exist is an error, as in Ansible ('dict object' has no
 * attribute).
 */
class StrictConditionTest {
    private final Templar t = new Templar();
    private final Map<String, Object> vars =
            Map.of("out", Map.of("rc", 0L, "stdout", "x"), "vms", List.of());

    @Test
    void aMissingFieldInAConditionIsAnErrorNamingIt() {
        assertThatThrownBy(() -> t.test("$out.nosuchfield == 1", vars, null))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("field 'nosuchfield' of $out is not defined")
                .hasMessageContaining("containsKey");
    }

    @Test
    void existingFieldsMethodsAndDefinednessTestsStillWork() throws Exception {
        assertThat(t.test("$out.rc == 0", vars, null)).isTrue();
        assertThat(t.test("$out.containsKey('nosuchfield')", vars, null)).isFalse();
        assertThat(t.test("$vms.size() > 0", vars, null)).isFalse();
        assertThat(t.test("$out.stdout.startsWith('x')", vars, null)).isTrue();
        assertThat(t.test("$maybe", vars, null)).isFalse();
        assertThat(t.test("!$maybe", vars, null)).isTrue();
        assertThat(t.test("${out.nosuch|'d'} == 'd'", vars, null)).isTrue();
    }
}
