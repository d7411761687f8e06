package io.ringmaster.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablePrecedenceTest {
    private final Inventory inv = Fixtures.production();

    @Test
    void groupAllGivesDefaultsToEveryHost() {
        assertThat(inv.varsFor("bastion.example.com"))
                .containsEntry("tier", "any")
                .containsEntry("ntp_pool", "pool.ntp.org");
    }

    @Test
    void childGroupVarsOverrideParentGroupVars() {
        assertThat(inv.varsFor("web02.example.com")).containsEntry("tier", "web");
        assertThat(inv.varsFor("cache1.example.com")).containsEntry("tier", "app");
        assertThat(inv.varsFor("db-b.example.com")).containsEntry("tier", "prod");
    }

    @Test
    void groupVarsDirectoryOverridesTheInventoryFileForTheSameGroup() {
        assertThat(inv.varsFor("web02.example.com")).containsEntry("http_port", 8081L);
    }

    @Test
    void groupVarsAllDirectoryOverridesInventoryFileGroupVarsAsAnsibleDoes() {
        // Ansible: inventory file group vars < group_vars/all < group_vars/* < host vars
        assertThat(inv.varsFor("db-b.example.com")).containsEntry("timezone", "Europe/Paris");
    }

    @Test
    void hostVarsOverrideGroupVars() {
        assertThat(inv.varsFor("web01.example.com")).containsEntry("http_port", 9000L);
        assertThat(inv.varsFor("db-a.example.com")).containsEntry("ansible_user", "postgres");
        assertThat(inv.varsFor("bastion.example.com")).containsEntry("ansible_user", "ops");
        assertThat(inv.varsFor("web02.example.com")).containsEntry("ansible_user", "admin");
    }

    @Test
    void groupPriorityOrdersGroupsOfTheSameDepth() {
        // monitoring and prod are both depth 1; name order would let prod win, priority 10 lets
        // monitoring win
        assertThat(inv.varsFor("web01.example.com")).containsEntry("env", "observed");
        assertThat(inv.varsFor("web02.example.com")).containsEntry("env", "production");
    }

    @Test
    void dictValuesAreReplacedNotMerged() {
        assertThat(inv.varsFor("web03.example.com"))
                .containsEntry("packages", List.of("nginx", "certbot"));
    }

    @Test
    void groupVarsDirectoryFilesMergeInLexicalOrderSkippingBackupsAndOtherExtensions() {
        assertThat(inv.varsFor("web03.example.com"))
                .containsEntry("tls", true)
                .doesNotContainKey("ignored");
    }

    @Test
    void hostVarsDirectoryIsRead() {
        assertThat(inv.varsFor("db-a.example.com")).containsEntry("role", "primary");
    }

    @Test
    void mergedVarsAreUnmodifiable() {
        Map<String, Object> vars = inv.varsFor("web01.example.com");
        assertThatThrownBy(() -> vars.put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void connectionVariablesArePlainVars() {
        assertThat(inv.varsFor("web01.example.com")).containsEntry("ansible_host", "10.0.0.11");
        assertThat(inv.varsFor("web-canary.example.com")).containsEntry("ansible_port", 2222L);
    }
}
