package io.ringmaster.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesCompactJsonWithPythonSeparators() {
        Object v =
                ScriptedRun.ordered(
                        "a",
                        1,
                        "b",
                        List.of(true, false),
                        "c",
                        null,
                        "d",
                        Map.of(),
                        "e",
                        List.of());

        assertThat(Json.compact(v))
                .isEqualTo("{\"a\": 1, \"b\": [true, false], \"c\": null, \"d\": {}, \"e\": []}");
    }

    @Test
    void indentsLikePythonJsonDumps() {
        Object v = ScriptedRun.ordered("a", List.of(1, 2), "b", Map.of());

        assertThat(Json.indented(v, 2))
                .isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}");
    }

    @Test
    void escapesQuotesBackslashesControlCharactersAndLineSeparators() {
        String hostile =
                "q\" b\\ n\n r\r t\t \u0000 \u001f \u007f \u2028 \u2029 é ☃ \uD83D\uDE00 lone\uD800";

        String json = Json.quote(hostile);

        assertThat(json)
                .isEqualTo(
                        "\"q\\\" b\\\\ n\\n r\\r t\\t \\u0000 \\u001f \\u007f \\u2028 \\u2029 é ☃ "
                                + "\uD83D\uDE00 lone\\ud800\"");
        assertThat(JsonParser.parse(json)).isEqualTo(hostile);
    }

    @Test
    void writesNonFiniteNumbersAsStringsAndOtherNumbersAsThemselves() {
        Object v =
                Arrays.asList(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Float.NEGATIVE_INFINITY,
                        1.5,
                        7L,
                        new BigDecimal("12.50"));

        String json = Json.compact(v);

        assertThat(json).isEqualTo("[\"NaN\", \"Infinity\", \"-Infinity\", 1.5, 7, 12.50]");
        assertThat(JsonParser.parse(json))
                .isEqualTo(List.of("NaN", "Infinity", "-Infinity", 1.5, 7L, 12.5));
    }

    @Test
    void writesUnknownObjectsAsTheirStringAndMapKeysAsStrings() {
        Map<Object, Object> m = new HashMap<>();
        m.put(42, java.time.Duration.ofSeconds(2));

        assertThat(Json.compact(m)).isEqualTo("{\"42\": \"PT2S\"}");
        assertThat(Json.compact(new Object[] {"x", 'c'})).isEqualTo("[\"x\", \"c\"]");
    }

    @Test
    void refusesCyclicValuesInsteadOfOverflowingTheStack() {
        List<Object> cycle = new java.util.ArrayList<>();
        cycle.add(cycle);

        assertThatThrownBy(() -> Json.compact(cycle))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle");
    }
}
