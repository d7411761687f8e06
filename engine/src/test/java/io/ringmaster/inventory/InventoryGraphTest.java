package io.ringmaster.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryGraphTest {
    private final Inventory inv = Fixtures.production();

    @Test
    void graphPrintsLikeAnsibleInventoryGraph() throws IOException {
        String expected =
                Files.readString(Path.of(Fixtures.DIR + "production/graph.txt")).stripTrailing();
        assertThat(InventoryGraph.graph(inv, "all")).isEqualTo(expected);
    }

    @Test
    void graphCanStartAtAGroup() {
        assertThat(InventoryGraph.graph(inv, "db"))
                .isEqualTo(
                        "@db:\n  |--db-a.example.com\n  |--db-b.example.com\n  |--db-c.example.com");
    }

    @Test
    void graphOfAnUnknownGroupSuggestsOne() {
        assertThatThrownBy(() -> InventoryGraph.graph(inv, "dbs"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("no group named 'dbs'; did you mean 'db'?");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listLooksLikeAnsibleInventoryList() {
        Map<String, Object> list = InventoryGraph.list(inv);
        assertThat(list.get("all"))
                .isEqualTo(Map.of("children", List.of("ungrouped", "prod", "monitoring")));
        assertThat(list.get("ungrouped"))
                .isEqualTo(Map.of("hosts", List.of("bastion.example.com")));
        assertThat(list.get("prod")).isEqualTo(Map.of("children", List.of("app", "db")));
        assertThat(list.get("db"))
                .isEqualTo(
                        Map.of(
                                "hosts",
                                List.of(
                                        "db-a.example.com",
                                        "db-b.example.com",
                                        "db-c.example.com")));
        Map<String, Object> hostvars =
                (Map<String, Object>) ((Map<String, Object>) list.get("_meta")).get("hostvars");
        assertThat(hostvars).hasSize(11);
        assertThat(hostvars.get("web01.example.com")).isEqualTo(inv.varsFor("web01.example.com"));
    }

    @Test
    void listLeavesOutEmptyGroupsButKeepsThemAsChildren() {
        Map<String, Object> list = InventoryGraph.list(Inventory.load(List.of("h1,")));
        assertThat(list).containsKeys("_meta", "all", "ungrouped");
        assertThat(InventoryGraph.list(Inventory.empty()))
                .doesNotContainKey("ungrouped")
                .containsEntry("all", Map.of("children", List.of("ungrouped")));
    }
}
