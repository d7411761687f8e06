package io.ringmaster.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.error.UserError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryLoadTest {
    private final Inventory inv = Fixtures.production();

    @Test
    void iniHostsComeInDefinitionOrderWithRangesExpanded() {
        assertThat(inv.hosts())
                .extracting(Host::name)
                .containsExactly(
                        "bastion.example.com",
                        "web01.example.com",
                        "web02.example.com",
                        "web03.example.com",
                        "web-canary.example.com",
                        "cache1.example.com",
                        "cache3.example.com",
                        "cache5.example.com",
                        "db-a.example.com",
                        "db-b.example.com",
                        "db-c.example.com");
    }

    @Test
    void groupsIncludeAllAndUngroupedInDefinitionOrder() {
        assertThat(inv.groups().keySet())
                .containsExactly(
                        "all", "ungrouped", "prod", "app", "web", "cache", "db", "monitoring");
        assertThat(inv.groups().get("all").children())
                .containsExactly("ungrouped", "prod", "monitoring");
        assertThat(inv.groups().get("prod").children()).containsExactly("app", "db");
        assertThat(inv.groups().get("app").children()).containsExactly("web", "cache");
    }

    @Test
    void hostsBeforeAnySectionAreUngrouped() {
        assertThat(inv.groups().get("ungrouped").hosts()).containsExactly("bastion.example.com");
        assertThat(inv.groupNamesOf("bastion.example.com")).containsExactly("all", "ungrouped");
    }

    @Test
    void groupNamesOfAHostAreTransitiveAndSorted() {
        assertThat(inv.groupNamesOf("web01.example.com"))
                .containsExactly("all", "app", "monitoring", "prod", "web");
        assertThat(inv.groupNamesOf("db-c.example.com")).containsExactly("all", "db", "prod");
    }

    @Test
    void hostLineValuesAreTypedLikeAnsibleLiteralEval() {
        Map<String, Object> canary = inv.host("web-canary.example.com").orElseThrow().vars();
        assertThat(canary).containsEntry("ansible_port", 2222L).containsEntry("canary", true);
        Map<String, Object> web = inv.groups().get("web").vars();
        assertThat(web)
                .containsEntry("max_clients", 200L)
                .containsEntry("motd", "welcome to web")
                .containsEntry("ntp_servers", List.of("ntp1", "ntp2"));
    }

    @Test
    void aPortAfterTheHostNameBecomesAnsiblePort() {
        assertThat(inv.host("db-c.example.com").orElseThrow().vars())
                .containsEntry("ansible_port", 5433L);
    }

    @Test
    void hostileValuesAreJustStrings() {
        assertThat(inv.varsFor("bastion.example.com")).containsEntry("hostile", "'; rm -rf /");
    }

    @Test
    void hostRecordHoldsInventoryAndHostVarsOnly() {
        assertThat(inv.host("web01.example.com").orElseThrow().vars())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("http_port", 9000L, "ansible_host", "10.0.0.11"));
        assertThat(inv.host("db-a.example.com").orElseThrow().vars())
                .containsEntry("ansible_user", "postgres")
                .containsEntry("role", "primary");
    }

    @Test
    void groupRecordMergesInventoryVarsAndGroupVarsDirectory() {
        assertThat(inv.groups().get("web").vars())
                .containsEntry("http_port", 8081L)
                .containsEntry("packages", List.of("nginx", "certbot"))
                .containsEntry("tls", true)
                .doesNotContainKey("ignored");
        assertThat(inv.groups().get("db").vars()).containsEntry("db_port", 5432L);
        assertThat(inv.groups().get("prod").vars()).containsEntry("backup", true);
    }

    @Test
    void yamlInventorySaysExactlyWhatTheIniOneSays() {
        Inventory yaml = Inventory.load(List.of(Fixtures.YAML));
        assertThat(yaml.hosts()).isEqualTo(inv.hosts());
        assertThat(yaml.groups()).isEqualTo(inv.groups());
        assertThat(yaml.groupsMagic()).isEqualTo(inv.groupsMagic());
        for (Host h : inv.hosts()) {
            assertThat(yaml.varsFor(h.name())).as(h.name()).isEqualTo(inv.varsFor(h.name()));
        }
        assertThat(InventoryGraph.graph(yaml, "all")).isEqualTo(InventoryGraph.graph(inv, "all"));
    }

    @Test
    void groupsMagicListsEveryGroupWithItsHostsTransitively() {
        Map<String, List<String>> groups = inv.groupsMagic();
        assertThat(groups.get("all")).hasSize(11);
        assertThat(groups.get("ungrouped")).containsExactly("bastion.example.com");
        assertThat(groups.get("app"))
                .containsExactly(
                        "web01.example.com",
                        "web02.example.com",
                        "web03.example.com",
                        "web-canary.example.com",
                        "cache1.example.com",
                        "cache3.example.com",
                        "cache5.example.com");
        assertThat(groups.get("prod")).hasSize(10);
    }

    @Test
    void directorySourceReadsEveryFileButIgnoredOnes() {
        Inventory split = Inventory.load(List.of(Fixtures.DIR + "split"));
        assertThat(split.hosts()).extracting(Host::name).containsExactly("w1", "w2", "d1", "w3");
        assertThat(split.groups().get("web").hosts()).containsExactly("w1", "w2", "w3");
        assertThat(split.varsFor("w3")).containsEntry("role", "web");
    }

    @Test
    void commaSeparatedHostListPutsHostsInUngrouped() {
        Inventory list = Inventory.load(List.of("h1, h2:2200,"));
        assertThat(list.hosts()).extracting(Host::name).containsExactly("h1", "h2");
        assertThat(list.groupNamesOf("h2")).containsExactly("all", "ungrouped");
        assertThat(list.varsFor("h2")).containsEntry("ansible_port", 2200L);
    }

    @Test
    void severalSourcesMerge() {
        Inventory both = Inventory.load(List.of(Fixtures.INI, "extra1,bastion.example.com,"));
        assertThat(both.hosts()).hasSize(12);
        assertThat(both.hosts().get(11).name()).isEqualTo("extra1");
        assertThat(both.groupNamesOf("extra1")).containsExactly("all", "ungrouped");
    }

    @Test
    void aHostInAGroupLeavesUngroupedWhenALaterSourceGroupsIt() {
        Inventory both = Inventory.load(List.of("w1,", Fixtures.DIR + "split"));
        assertThat(both.groups().get("ungrouped").hosts()).isEmpty();
        assertThat(both.groupNamesOf("w1")).containsExactly("all", "web");
    }

    @Test
    void yamlHostsDirectlyUnderAllAreUngrouped() {
        Inventory yaml = Inventory.load(List.of(Fixtures.DIR + "small/all-hosts.yml"));
        assertThat(yaml.groups().get("ungrouped").hosts()).containsExactly("solo");
        assertThat(yaml.groupNamesOf("solo")).containsExactly("all", "ungrouped");
        assertThat(yaml.varsFor("solo")).containsEntry("answer", 42L);
    }

    @Test
    void yamlWarnsAboutUnknownGroupKeysAsAnsibleDoes() {
        Inventory yaml = Inventory.load(List.of(Fixtures.DIR + "small/all-hosts.yml"));
        assertThat(yaml.warnings())
                .containsExactly(
                        "src/test/resources/inventory/small/all-hosts.yml:7:3: skipping key 'childs' in group 'all': "
                                + "only vars, children and hosts are valid; did you mean 'children'?");
    }

    @Test
    void aMissingSourceIsAUserErrorWithASuggestion() {
        assertThatThrownBy(() -> Inventory.load(List.of(Fixtures.DIR + "production/host.ini")))
                .isInstanceOf(UserError.class)
                .hasMessage(
                        "inventory source 'src/test/resources/inventory/production/host.ini' does not exist;"
                                + " did you mean 'hosts.ini'?\n"
                                + "  hint: give -i a file, a directory, or a comma-separated host list such as 'web1,web2,'");
    }

    @Test
    void emptyInventoryHasOnlyTheImplicitLocalhost() {
        Inventory empty = Inventory.empty();
        assertThat(empty.hosts()).isEmpty();
        assertThat(empty.groups().keySet()).containsExactly("all", "ungrouped");
        assertThat(empty.host("localhost")).isPresent();
    }
}
