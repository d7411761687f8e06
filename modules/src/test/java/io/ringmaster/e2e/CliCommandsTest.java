package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.cli.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that run nothing: --syntax-check, --list-hosts, --list-tasks, modules, inventory,
 * --version, --help.
 */
class CliCommandsTest {
    @TempDir Path dir;

    @Test
    void syntaxCheckLoadsAndValidatesEveryExample() {
        Cli.Run r =
                Cli.run(
                        "play",
                        Cli.example("local.yml").toString(),
                        Cli.example("failing.yml").toString(),
                        Cli.example("drift.yml").toString(),
                        "--syntax-check");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("playbook: " + Cli.example("local.yml"))
                .contains("playbook: " + Cli.example("drift.yml"))
                .doesNotContain("TASK [");
    }

    @Test
    void listHostsAndListTasks() {
        Path inv =
                Cli.write(
                        dir.resolve("hosts.ini"), "[local]\nbox1 ansible_connection=local\nbox2\n");
        Path pb =
                Cli.write(
                        dir.resolve("pb.yml"),
                        """
                - name: Boxes
                  hosts: local
                  tasks:
                    - name: first
                      command: "true"
                      tags: [setup]
                    - block:
                        - name: inside block
                          debug: {msg: hi}
                """);
        Cli.Run hosts =
                Cli.run(
                        "play",
                        pb.toString(),
                        "-i",
                        inv.toString(),
                        "--list-hosts",
                        "--limit",
                        "box2");
        assertThat(hosts.code()).isZero();
        assertThat(hosts.out())
                .contains("play #1 (local): Boxes")
                .contains("hosts (1):")
                .contains("      box2")
                .doesNotContain("box1");
        Cli.Run tasks = Cli.run("play", pb.toString(), "-i", inv.toString(), "--list-tasks");
        assertThat(tasks.out())
                .contains("tasks:")
                .contains("first\tTAGS: [setup]")
                .contains("inside block");
    }

    @Test
    void modulesListsEveryModuleAndOneModulesParameters() {
        Cli.Run all = Cli.run("modules");
        assertThat(all.code()).isZero();
        assertThat(all.out())
                .contains("command")
                .contains("shell")
                .contains("template")
                .contains("assert")
                .contains("debug")
                .contains("set_fact")
                .contains("setup");
        Cli.Run one = Cli.run("modules", "template");
        assertThat(one.out())
                .contains("template: ")
                .contains("check mode: supported")
                .contains("dest")
                .contains("required");
        Cli.Run typo = Cli.run("modules", "tempalte");
        assertThat(typo.code()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(typo.err()).contains("did you mean 'template'?");
    }

    @Test
    void inventoryGraphAndList() {
        Path inv = Cli.write(dir.resolve("hosts.ini"), "[web]\nweb1 http_port=80\n\n[db]\ndb1\n");
        Cli.Run graph = Cli.run("inventory", "-i", inv.toString(), "--graph");
        assertThat(graph.code()).isZero();
        assertThat(graph.out())
                .contains("@all:")
                .contains("|--@web:")
                .contains("|  |--web1")
                .contains("@db:");
        Cli.Run list = Cli.run("inventory", "-i", inv.toString(), "--list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("\"web1\"").contains("\"http_port\": 80");
    }

    @Test
    void versionAndHelp() {
        assertThat(Cli.run("--version").out()).startsWith("ringmaster ");
        Cli.Run help = Cli.run("play", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out())
                .contains("--check")
                .contains("--json")
                .contains("--junit")
                .contains("8")
                .contains("--assert-no-changes");
        assertThat(Cli.run("help", "inventory").out()).contains("--graph");
    }
}
