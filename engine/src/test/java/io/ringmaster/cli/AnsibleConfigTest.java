package io.ringmaster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnsibleConfigTest {
    @TempDir Path dir;

    private AnsibleConfig load(Map<String, String> env) throws Exception {
        Path cfg =
                Files.writeString(
                        dir.resolve("ansible.cfg"),
                        """
                [defaults]
                inventory = inventories/lab/hosts.ini
                forks = 7 ; a comment
                remote_user = deploy
                host_key_checking = False
                roles_path = roles:/opt/roles
                timeout = 3
                [ssh_connection]
                pipelining = True
                """);
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put("ANSIBLE_CONFIG", cfg.toString());
        return AnsibleConfig.load(e);
    }

    @Test
    void defaultsAreReadWithPathsBesideTheFile() throws Exception {
        AnsibleConfig c = load(Map.of());
        assertThat(c.paths("inventory", ","))
                .containsExactly(dir.resolve("inventories/lab/hosts.ini").toString());
        assertThat(c.integer("forks")).contains(7);
        assertThat(c.get("remote_user")).contains("deploy");
        assertThat(c.bool("host_key_checking")).contains(false);
        assertThat(c.paths("roles_path", ":"))
                .containsExactly(dir.resolve("roles").toString(), "/opt/roles");
        assertThat(c.integer("timeout")).contains(3);
        assertThat(c.get("pipelining")).isEmpty();
    }

    @Test
    void ansibleVariablesOverrideTheFileAndRingmasterVariablesOverrideThem() throws Exception {
        AnsibleConfig c =
                load(
                        Map.of(
                                "ANSIBLE_FORKS",
                                "20",
                                "ANSIBLE_REMOTE_USER",
                                "ops",
                                "RINGMASTER_REMOTE_USER",
                                "rm"));
        assertThat(c.integer("forks")).contains(20);
        assertThat(c.get("remote_user")).contains("rm");
        assertThat(load(Map.of("ANSIBLE_FORKS", "many")).get("forks")).contains("many");
        assertThatThrownBy(() -> load(Map.of("ANSIBLE_FORKS", "many")).integer("forks"))
                .hasMessageContaining("forks must be a number");
    }

    @Test
    void keysOutsideDefaultsAndCommentsAreIgnored() {
        assertThat(
                        AnsibleConfig.defaults(
                                List.of(
                                        "# c",
                                        "[other]",
                                        "forks = 1",
                                        "[defaults]",
                                        "; x",
                                        "forks=2")))
                .isEqualTo(Map.of("forks", "2"));
    }
}
