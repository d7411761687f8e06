package io.ringmaster.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.error.Position;
import io.ringmaster.module.api.ExpressionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8 item 9: a rendering that grows without bound is refused fast, with its position, never an
 * OOM.
 */
class RenderBoundsTest {
    private final Templar templar = new Templar();
    private final Position where = new Position(Path.of("site.yml"), 7, 11);
    private final Map<String, Object> vars = Map.of("s", "xxxxxxxx", "n", 3L);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "#set($a = 'x')#foreach($i in [1..64])#set($a = \"$a$a\")#end$a",
                "#set($a = 'x')#foreach($i in [1..64])#set($a = $a.concat($a))#end$a",
                "$s.repeat(2000000000)",
                "#foreach($i in [1..100000])#foreach($j in [1..100000])#end#end",
                "#foreach($i in [1..100000])#foreach($j in [1..100000])$j#end#end",
                "#foreach($i in [1..5000000])$s#end",
                "#macro(boom $x)#boom($x)#end#boom(1)",
            })
    void unboundedRenderingsAreRefusedWithAPosition(String expression) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> templar.render(expression, vars, where))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("site.yml:7:11: ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void legitimateLoopsAndTextsStillRender() throws Exception {
        String out =
                templar.renderString(
                        "#foreach($i in [1..1000])#foreach($j in [1..100])#end$i,#end",
                        vars,
                        where);
        assertThat(out).startsWith("1,2,").endsWith("1000,");
        assertThat(templar.renderString("${s.repeat(1000)}", vars, where)).hasSize(8000);
        // a large generated file: 400,000 lines (about 6 Mi characters) is output, not one value
        String big = templar.renderString("#foreach($i in [1..400000])line $i#end", vars, where);
        assertThat(big.length()).isGreaterThan(RenderBudget.MAX_CHARS);
    }
}
