package io.ringmaster.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.error.Position;
import io.ringmaster.module.api.ExpressionException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8 item 3: a value given with -e or in an inventory cannot run code or read files on the
 * controller.
 */
class ExpressionSandboxTest {
    private final Templar templar = new Templar();
    private final Position where = new Position(Path.of("site.yml"), 3, 9);
    private final Map<String, Object> vars =
            Map.of(
                    "inventory_hostname",
                    "web1",
                    "n",
                    42L,
                    "vms",
                    List.of("db1", "db2"),
                    "out",
                    Map.of("rc", 0L, "stdout", "a b c"),
                    "flag",
                    true);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "$inventory_hostname.getClass().forName('java.lang.Runtime').getRuntime().exec('touch /tmp/rme-pwned')",
                "${inventory_hostname.class.forName('java.lang.Runtime')}",
                "$inventory_hostname.class.classLoader",
                "$inventory_hostname.getClass().getClassLoader().loadClass('java.lang.ProcessBuilder')",
                "$n.getClass().forName('java.nio.file.Files').readString($n.getClass().forName('java.nio.file.Path'))",
                "$vms.getClass().forName('java.lang.Thread').currentThread()",
                "$out.getClass().forName('java.lang.System').getenv()",
                "$flag.getClass().forName('java.lang.System').getProperty('user.home')",
                "$vms.get(0).getClass().getProtectionDomain()",
                "$inventory_hostname.describeConstable().get().getClass()",
                "#set($c = $n.class)$c.forName('java.lang.Runtime')",
                "$vms.iterator().getClass()",
                "$out.entrySet().iterator().next().getClass()",
                "#foreach($v in $vms)$foreach.getClass()#end",
                "#foreach($v in $vms)$foreach.info.getClass()#end",
            })
    void knownEscapesAreRefusedWithAClearError(String expression) {
        assertThatThrownBy(() -> templar.render(expression, vars, where))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("site.yml:3:9: expressions may not use")
                .hasMessageContaining("expressions reach only data");
        assertThat(Path.of("/tmp/rme-pwned")).doesNotExist();
    }

    @Test
    void conditionsAndTemplatesAreSandboxedToo() {
        assertThatThrownBy(
                        () ->
                                templar.test(
                                        "$inventory_hostname.getClass().getName() == 'x'",
                                        vars,
                                        where))
                .hasMessageContaining("expressions may not use 'getClass'");
        assertThatThrownBy(
                        () ->
                                templar.renderTemplate(
                                        "t.xml.vm", "<a>$n.class.name</a>", vars, true))
                .hasMessageContaining("expressions may not use");
    }

    @Test
    void dataMethodsStillWork() throws Exception {
        assertThat(templar.render("${inventory_hostname.matches('web\\d+')}", vars, where))
                .isEqualTo(true);
        assertThat(templar.render("${out.stdout.split(' ').size()}", vars, where)).isEqualTo(3);
        assertThat(templar.render("${vms.subList(0, 1)}", vars, where)).isEqualTo(List.of("db1"));
        assertThat(templar.render("${vms.get(1).toUpperCase()}", vars, where)).isEqualTo("DB2");
        assertThat(templar.render("${out.get('rc')}", vars, where)).isEqualTo(0L);
        assertThat(templar.render("$out.rc", vars, where)).isEqualTo(0L);
        assertThat(templar.render("#foreach($v in $vms)$v,#end", vars, where))
                .isEqualTo("db1,db2,");
        assertThat(templar.render("${out.keySet().size()}", vars, where)).isEqualTo(2);
        assertThat(templar.test("$n > 40 && $inventory_hostname.startsWith('web')", vars, where))
                .isTrue();
        assertThat(
                        templar.render(
                                "#foreach($v in $vms)$foreach.count:$foreach.index#if($foreach.hasNext),#end#end",
                                vars,
                                where))
                .isEqualTo("1:0,2:1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "#include('/etc/passwd')",
                "#parse('/etc/passwd')",
                "#include('../../../../etc/hostname')"
            })
    void templatesCannotIncludeFiles(String directive) {
        assertThatThrownBy(() -> templar.renderString(directive, vars, where))
                .isInstanceOf(ExpressionException.class)
                .hasMessageNotContaining("root:x:0:0");
    }
}
