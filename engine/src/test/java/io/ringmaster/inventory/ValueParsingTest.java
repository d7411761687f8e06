package io.ringmaster.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.error.Position;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueParsingTest {
    @Test
    void pythonLiteralsAreTypedAndEverythingElseStaysText() {
        assertThat(IniLiteral.parse("42")).isEqualTo(42L);
        assertThat(IniLiteral.parse("-7")).isEqualTo(-7L);
        assertThat(IniLiteral.parse("0x1F")).isEqualTo(31L);
        assertThat(IniLiteral.parse("1.5")).isEqualTo(1.5);
        assertThat(IniLiteral.parse("True")).isEqualTo(true);
        assertThat(IniLiteral.parse("False")).isEqualTo(false);
        assertThat(IniLiteral.parse("None")).isNull();
        assertThat(IniLiteral.parse("'quoted value'")).isEqualTo("quoted value");
        assertThat(IniLiteral.parse("[1, 'a', [True]]")).isEqualTo(List.of(1L, "a", List.of(true)));
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("k", 1L);
        dict.put("j", null);
        assertThat(IniLiteral.parse("{'k': 1, 'j': None}")).isEqualTo(dict);
        assertThat(IniLiteral.parse("80,443")).isEqualTo(List.of(80L, 443L));
        assertThat(IniLiteral.parse("1 # comment")).isEqualTo(1L);
    }

    @Test
    void ansibleLeavesTheseAsStrings() {
        for (String s :
                List.of(
                        "yes",
                        "no",
                        "true",
                        "false",
                        "0755",
                        "1.2.3.4",
                        "web01",
                        "",
                        "'; rm -rf /",
                        "$(reboot)",
                        "a b",
                        "[1, 2",
                        "{'a'}x")) {
            assertThat(IniLiteral.parse(s)).as(s).isEqualTo(s);
        }
    }

    @Test
    void hostRangesExpandLikeAnsible() {
        Position at = new Position(null, 1, 1);
        assertThat(HostRange.expand("db[01:03].x", at))
                .containsExactly("db01.x", "db02.x", "db03.x");
        assertThat(HostRange.expand("web[a:c]", at)).containsExactly("weba", "webb", "webc");
        assertThat(HostRange.expand("n[1:10:4]", at)).containsExactly("n1", "n5", "n9");
        assertThat(HostRange.expand("r[1:2]c[a:b]", at))
                .containsExactly("r1ca", "r1cb", "r2ca", "r2cb");
        assertThat(HostRange.expand("z[:1]", at)).containsExactly("z0", "z1");
        assertThat(HostRange.expand("plain", at)).containsExactly("plain");
    }

    @Test
    void shellWordsFollowShlex() {
        assertThat(
                        io.ringmaster.module.api.Shell.split(
                                "h a=1 b=\"two words\" c='x y' # note", true))
                .containsExactly("h", "a=1", "b=two words", "c=x y");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> io.ringmaster.module.api.Shell.split("h a=\"open", true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostAddressesMayCarryAPort() {
        assertThat(HostAddress.parse("web[1:3]:2222"))
                .isEqualTo(new HostAddress("web[1:3]", 2222L));
        assertThat(HostAddress.parse("[::1]:22")).isEqualTo(new HostAddress("::1", 22L));
        assertThat(HostAddress.parse("fe80::1")).isEqualTo(new HostAddress("fe80::1", null));
        assertThat(HostAddress.parse("h")).isEqualTo(new HostAddress("h", null));
    }
}
