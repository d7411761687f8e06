package io.ringmaster.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.error.UserError;
import org.junit.jupiter.api.Test;

class HostPatternTest {
    private final Inventory inv = Fixtures.production();

    @Test
    void allAndStarSelectEveryHostInInventoryOrder() {
        assertThat(inv.select("all"))
                .hasSize(11)
                .startsWith("bastion.example.com")
                .endsWith("db-c.example.com");
        assertThat(inv.select("*")).isEqualTo(inv.select("all"));
    }

    @Test
    void aGroupSelectsItsHostsTransitively() {
        assertThat(inv.select("app")).hasSize(7).contains("cache5.example.com");
    }

    @Test
    void aHostNameSelectsThatHost() {
        assertThat(inv.select("web02.example.com")).containsExactly("web02.example.com");
    }

    @Test
    void colonAndCommaAreUnionsInInventoryOrderWithoutDuplicates() {
        assertThat(inv.select("db:web01.example.com:monitoring"))
                .containsExactly(
                        "web01.example.com",
                        "db-a.example.com",
                        "db-b.example.com",
                        "db-c.example.com");
        assertThat(inv.select("db,web01.example.com"))
                .isEqualTo(inv.select("db:web01.example.com"));
    }

    @Test
    void ampersandIntersects() {
        assertThat(inv.select("prod:&monitoring"))
                .containsExactly("web01.example.com", "db-a.example.com");
    }

    @Test
    void bangExcludes() {
        assertThat(inv.select("web:!monitoring"))
                .containsExactly(
                        "web02.example.com", "web03.example.com", "web-canary.example.com");
    }

    @Test
    void exclusionsApplyAfterUnionsWhateverTheOrderWritten() {
        assertThat(inv.select("!monitoring:web")).isEqualTo(inv.select("web:!monitoring"));
    }

    @Test
    void onlyExclusionsMeanAllMinusThem() {
        assertThat(inv.select("!prod")).containsExactly("bastion.example.com");
    }

    @Test
    void wildcardsMatchHostAndGroupNames() {
        assertThat(inv.select("web0*"))
                .containsExactly("web01.example.com", "web02.example.com", "web03.example.com");
        assertThat(inv.select("cache?.example.com")).hasSize(3);
        assertThat(inv.select("*.example.com")).hasSize(11);
        assertThat(inv.select("mon*")).containsExactly("web01.example.com", "db-a.example.com");
    }

    @Test
    void tildeStartsARegularExpressionMatchedAtTheStart() {
        assertThat(inv.select("~db-[ab]")).containsExactly("db-a.example.com", "db-b.example.com");
        assertThat(inv.select("~(web|cache)0?1\\."))
                .containsExactly("web01.example.com", "cache1.example.com");
    }

    @Test
    void subscriptsPickFromTheMatchedHosts() {
        assertThat(inv.select("web[0]")).containsExactly("web01.example.com");
        assertThat(inv.select("web[-1]")).containsExactly("web-canary.example.com");
        assertThat(inv.select("web[1:2]"))
                .containsExactly("web02.example.com", "web03.example.com");
    }

    @Test
    void aPatternMatchingNothingIsEmptyAndReported() {
        assertThat(inv.select("webz")).isEmpty();
        assertThat(inv.unmatchedPatternParts("web:webz:!dbb:&prod")).containsExactly("webz", "dbb");
        assertThat(inv.unmatchedPatternParts("all:localhost:web*")).isEmpty();
    }

    @Test
    void anInvalidRegexIsAUserError() {
        assertThatThrownBy(() -> inv.select("~web("))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("invalid host pattern '~web(':");
    }
}
