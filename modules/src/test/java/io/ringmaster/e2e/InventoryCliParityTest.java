package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code ringmaster inventory} prints what {@code ansible-inventory} prints (compared with it where
 * installed).
 */
class InventoryCliParityTest {
    @TempDir Path dir;

    private static final String INI =
            """
            [web]
            web1 http_port=80
            web2
            [db]
            db1 ansible_host=10.0.0.1
            [all:vars]
            ntp=pool.ntp.org
            [web:vars]
            tier=front
            """;

    private static final String GRAPH_VARS =
            """
            @all:
              |--@ungrouped:
              |--@web:
              |  |--web1
              |  |  |--{http_port = 80}
              |  |  |--{ntp = pool.ntp.org}
              |  |  |--{tier = front}
              |  |--web2
              |  |  |--{ntp = pool.ntp.org}
              |  |  |--{tier = front}
              |  |--{tier = front}
              |--@db:
              |  |--db1
              |  |  |--{ansible_host = 10.0.0.1}
              |  |  |--{ntp = pool.ntp.org}
              |--{ntp = pool.ntp.org}
            """;

    private static final String YAML_EXPORT =
            """
            all:
              children:
                db:
                  hosts:
                    db1:
                      ansible_host: 10.0.0.1
                ungrouped: {}
                web:
                  hosts:
                    web1:
                      http_port: 80
                    web2: {}
                  vars:
                    tier: front
              vars:
                ntp: pool.ntp.org
            """;

    private Cli.Run inv(String... args) {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "inventory",
                                "-i",
                                Cli.write(dir.resolve("hosts.ini"), INI).toString()));
        a.addAll(List.of(args));
        return Cli.run(a.toArray(String[]::new));
    }

    private String ansible(String... args) throws Exception {
        List<String> cmd =
                new ArrayList<>(
                        List.of("ansible-inventory", "-i", dir.resolve("hosts.ini").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void graphEndsWithANewlineAndShowsVarsWithVars() throws Exception {
        assertThat(inv("--graph").out()).endsWith("db1\n");
        assertThat(inv("--graph", "--vars").out()).isEqualTo(GRAPH_VARS);
        if (AnsibleSideBySide.installed()) {
            assertThat(ansible("--graph", "--vars")).isEqualTo(GRAPH_VARS);
            assertThat(ansible("--graph")).isEqualTo(inv("--graph").out());
        }
    }

    @Test
    void yamlExportAndOutput() throws Exception {
        assertThat(inv("--list", "--yaml", "--export").out()).isEqualTo(YAML_EXPORT);
        Object export = new Yaml().load(inv("--list", "--export").out());
        assertThat(export)
                .isEqualTo(
                        new Yaml()
                                .load(
                                        """
                {"_meta": {"hostvars": {"db1": {"ansible_host": "10.0.0.1"}, "web1": {"http_port": 80}}},
                 "all": {"children": ["ungrouped", "web", "db"], "vars": {"ntp": "pool.ntp.org"}},
                 "db": {"hosts": ["db1"]}, "web": {"hosts": ["web1", "web2"], "vars": {"tier": "front"}}}
                """));
        Path file = dir.resolve("out.json");
        assertThat(inv("--list", "--output", file.toString()).out()).isEmpty();
        assertThat(new Yaml().<Object>load(Files.readString(file)))
                .isEqualTo(new Yaml().load(inv("--list").out()));
        if (AnsibleSideBySide.installed()) {
            assertThat(ansible("--list", "--yaml", "--export")).isEqualTo(YAML_EXPORT);
            assertThat(new Yaml().<Object>load(ansible("--list", "--export"))).isEqualTo(export);
        }
    }

    @Test
    void anUnknownHostExitsFiveAsAnsibleInventoryDoes() {
        Cli.Run r = inv("--host", "web3");
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.err()).contains("no host named 'web3'").contains("did you mean");
    }
}
