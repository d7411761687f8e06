package io.ringmaster.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImplicitLocalhostTest {
    private final Inventory inv = Fixtures.production();

    @Test
    void localhostCanBeTargetedByNameWithALocalConnection() {
        assertThat(inv.select("localhost")).containsExactly("localhost");
        assertThat(inv.host("localhost").orElseThrow().vars())
                .containsEntry("ansible_connection", "local");
    }

    @Test
    void localhostIsNotMatchedByAllNorListedAmongHosts() {
        assertThat(inv.select("all")).doesNotContain("localhost");
        assertThat(inv.hosts()).extracting(Host::name).doesNotContain("localhost");
        assertThat(inv.groupsMagic().get("all")).doesNotContain("localhost");
        assertThat(inv.groupNamesOf("localhost")).isEmpty();
    }

    @Test
    void implicitLocalhostGetsGroupAllVarsAndItsHostVars() {
        assertThat(inv.varsFor("localhost"))
                .containsEntry("timezone", "Europe/Paris")
                .containsEntry("greeting", "hi")
                .containsEntry("ansible_connection", "local");
    }

    @Test
    void implicitLocalhostJoinsOtherPatternParts() {
        assertThat(inv.select("bastion.example.com:localhost"))
                .containsExactly("bastion.example.com", "localhost");
    }

    @Test
    void anInventoryLocalhostIsAnOrdinaryHost() {
        Inventory own = Inventory.load(List.of("localhost,"));
        assertThat(own.select("all")).containsExactly("localhost");
        assertThat(own.host("localhost").orElseThrow().vars())
                .doesNotContainKey("ansible_connection");
        assertThat(own.groupNamesOf("localhost")).containsExactly("all", "ungrouped");
    }
}
