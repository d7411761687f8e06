package io.ringmaster.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private static final Path FILE = Path.of("/tmp/x.yml");

    private static YNode parse(String text) {
        return YamlReader.parse(text, FILE).orElseThrow();
    }

    @Test
    void scalarsFollowYaml11AsSnakeYamlSafeConstructorReadsThem() {
        Object plain =
                YamlReader.toPlain(
                        parse(
                                """
                mode: 0644
                yes_: yes
                off_: off
                nothing: ~
                empty:
                int: 42
                big: 12345678901
                float: 1.5
                text: "0644"
                date: 2024-01-02
                hex: 0x1F
                """));
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("mode", 420L);
        expected.put("yes_", true);
        expected.put("off_", false);
        expected.put("nothing", null);
        expected.put("empty", null);
        expected.put("int", 42L);
        expected.put("big", 12345678901L);
        expected.put("float", 1.5);
        expected.put("text", "0644");
        expected.put("date", "2024-01-02");
        expected.put("hex", 31L);
        assertThat(plain).isEqualTo(expected);
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) plain).keySet()))
                .containsExactlyElementsOf(expected.keySet());
    }

    @Test
    void nodesCarryOneBasedPositionsOfKeysAndValues() {
        YMap map =
                (YMap)
                        parse(
                                """
                # comment
                a:
                  - one
                  - b: 2
                """);
        assertThat(map.position()).isEqualTo(new Position(FILE, 2, 1));
        YSeq seq = (YSeq) map.get("a").orElseThrow();
        assertThat(seq.items().get(0).position()).isEqualTo(new Position(FILE, 3, 5));
        YMap inner = (YMap) seq.items().get(1);
        assertThat(inner.entries().get(0).key().position()).isEqualTo(new Position(FILE, 4, 5));
        assertThat(inner.get("b").orElseThrow().position()).isEqualTo(new Position(FILE, 4, 8));
    }

    @Test
    void duplicateKeyNamesBothPositions() {
        assertThatThrownBy(() -> parse("a: 1\nb: 2\na: 3\n"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(
                        "/tmp/x.yml:3:1: duplicate key 'a' (also written at line 1, column 1)");
    }

    @Test
    void syntaxErrorGivesMarkPositionAndOneLineProblem() {
        assertThatThrownBy(() -> parse("a: b: c\n"))
                .isInstanceOf(UserError.class)
                .hasMessage(
                        "/tmp/x.yml:1:5: YAML syntax error: mapping values are not allowed here\n"
                                + "  hint: quote a value that contains ': ', or fix the indentation of this key");
    }

    @Test
    void emptyDocumentIsEmpty() {
        assertThat(YamlReader.parse("# nothing\n", FILE)).isEmpty();
    }

    @Test
    void mergeKeysAreFlattenedWithExplicitKeysWinning() {
        Object plain =
                YamlReader.toPlain(
                        parse(
                                """
                base: &b {x: 1, y: 2}
                derived:
                  <<: *b
                  y: 3
                """));
        assertThat(((Map<?, ?>) plain).get("derived")).isEqualTo(Map.of("x", 1L, "y", 3L));
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            sb.append(c).append(": &").append(c).append(" [");
            sb.append(String.join(", ", java.util.Collections.nCopies(9, "*" + prev)))
                    .append("]\n");
            prev = c;
        }
        assertThatThrownBy(() -> parse(sb.toString())).isInstanceOf(UserError.class);
    }

    @Test
    void unknownTagIsAUserError() {
        assertThatThrownBy(() -> parse("secret: !vault abc\n"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("/tmp/x.yml:1:9: unsupported YAML tag '!vault'");
    }

    @Test
    void listsBecomeArrayLists() {
        assertThat(YamlReader.toPlain(parse("[1, two, null]")))
                .isEqualTo(java.util.Arrays.asList(1L, "two", null));
        assertThat(YamlReader.toPlain(parse("- a"))).isEqualTo(List.of("a"));
    }
}
