package io.ringmaster.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.connection.ConnectionOptions;
import io.ringmaster.connection.ConnectionTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetResolverTest {
    @TempDir Path home;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_ed25519"), "key");
        Files.writeString(home.resolve(".ssh/id_rsa"), "key");
        config = home.resolve(".ssh/config");
        Files.writeString(
                config,
                """
                Host hv-*
                  User ops
                  Port 2222
                  IdentityFile ~/.ssh/hv_key
                Host hv-7
                  HostName 127.0.0.7
                Host behind
                  HostName 127.0.0.8
                  ProxyJump jumper@127.0.0.9:2200
                Host bastion
                  HostName 127.0.0.10
                  User jump
                  IdentityFile /keys/bastion
                """);
    }

    private SshTarget resolve(String name, Map<String, Object> vars) {
        return new TargetResolver(config, home, "me")
                .resolve(new ConnectionTarget(name, vars, ConnectionOptions.defaults()));
    }

    @Test
    void defaultsWithoutVarsOrConfig() {
        SshTarget t = resolve("plain", Map.of());
        assertThat(t.endpoint())
                .isEqualTo(
                        new Endpoint(
                                "plain",
                                "plain",
                                22,
                                "me",
                                List.of(
                                        home.resolve(".ssh/id_ed25519").toString(),
                                        home.resolve(".ssh/id_rsa").toString())));
        assertThat(t.jumps()).isEmpty();
        assertThat(t.password()).isNull();
    }

    @Test
    void varsWin() {
        SshTarget t =
                resolve(
                        "web",
                        Map.of(
                                "ansible_host",
                                "127.0.0.5",
                                "ansible_port",
                                2022,
                                "ansible_user",
                                "deploy",
                                "ansible_ssh_private_key_file",
                                "~/k/lab"));
        assertThat(t.endpoint())
                .isEqualTo(
                        new Endpoint(
                                "web",
                                "127.0.0.5",
                                2022,
                                "deploy",
                                List.of(home.resolve("k/lab").toString())));
    }

    @Test
    void sshConfigAppliesToTheHostName() {
        SshTarget t = resolve("hv-7", Map.of());
        assertThat(t.endpoint())
                .isEqualTo(
                        new Endpoint(
                                "hv-7",
                                "127.0.0.7",
                                2222,
                                "ops",
                                List.of(home.resolve(".ssh/hv_key").toString())));
        SshTarget viaHost = resolve("x", Map.of("ansible_host", "hv-7", "ansible_user", "root"));
        assertThat(viaHost.endpoint().host()).isEqualTo("127.0.0.7");
        assertThat(viaHost.endpoint().user()).isEqualTo("root");
        assertThat(viaHost.endpoint().port()).isEqualTo(2222);
    }

    @Test
    void proxyJumpFromConfig() {
        SshTarget t = resolve("behind", Map.of());
        assertThat(t.jumps())
                .singleElement()
                .satisfies(
                        j -> {
                            assertThat(j.host()).isEqualTo("127.0.0.9");
                            assertThat(j.port()).isEqualTo(2200);
                            assertThat(j.user()).isEqualTo("jumper");
                        });
        assertThat(t.describe()).isEqualTo("'behind' (me@127.0.0.8:22 via jumper@127.0.0.9:2200)");
    }

    @Test
    void proxyJumpFromCommonArgsUsesTheJumpHostsConfig() {
        SshTarget t =
                resolve(
                        "a",
                        Map.of(
                                "ansible_host",
                                "127.0.0.3",
                                "ansible_ssh_common_args",
                                "-o StrictHostKeyChecking=no -o ProxyJump=bastion -C"));
        Endpoint j = t.jumps().get(0);
        assertThat(j)
                .isEqualTo(
                        new Endpoint(
                                "bastion",
                                "127.0.0.10",
                                22,
                                "jump",
                                List.of(
                                        "/keys/bastion",
                                        home.resolve(".ssh/id_ed25519").toString(),
                                        home.resolve(".ssh/id_rsa").toString())));
    }

    @Test
    void sshProxyJumpVarWinsOverCommonArgsAndConfig() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("ssh_proxy_jump", "u@127.0.0.11");
        vars.put("ansible_ssh_common_args", "-J other@127.0.0.12");
        SshTarget t = resolve("behind", vars);
        assertThat(t.jumps()).extracting(Endpoint::display).containsExactly("u@127.0.0.11:22");
        assertThat(resolve("behind", Map.of("ssh_proxy_jump", "none")).jumps()).isEmpty();
    }

    @Test
    void jumpChains() {
        SshTarget t = resolve("a", Map.of("ssh_proxy_jump", "a@127.0.0.2,b@127.0.0.3:23"));
        assertThat(t.jumps())
                .extracting(Endpoint::display)
                .containsExactly("a@127.0.0.2:22", "b@127.0.0.3:23");
    }

    @Test
    void passwordOnlyWhenGiven() {
        assertThat(resolve("a", Map.of("ansible_password", "pw")).password())
                .containsExactly('p', 'w');
        ConnectionOptions d = ConnectionOptions.defaults();
        ConnectionOptions withPw =
                new ConnectionOptions(
                        false,
                        d.knownHosts(),
                        d.sshConfig(),
                        d.connectTimeout(),
                        0,
                        null,
                        "cli".toCharArray(),
                        null);
        SshTarget t =
                new TargetResolver(config, home, "me")
                        .resolve(new ConnectionTarget("a", Map.of(), withPw));
        assertThat(t.password()).containsExactly('c', 'l', 'i');
    }

    @Test
    void badPortNamesTheVariable() {
        assertThatThrownBy(() -> resolve("a", Map.of("ansible_port", "ssh")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ansible_port");
    }

    @Test
    void knownHostsNameUsesBracketsForOtherPorts() {
        assertThat(new Endpoint("a", "127.0.0.5", 22, "u", List.of()).knownHostsName())
                .isEqualTo("127.0.0.5");
        assertThat(new Endpoint("a", "127.0.0.5", 2222, "u", List.of()).knownHostsName())
                .isEqualTo("[127.0.0.5]:2222");
    }
}
