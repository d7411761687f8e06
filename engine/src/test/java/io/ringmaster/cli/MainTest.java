package io.ringmaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line without modules on the classpath: options, exit codes, errors before anything
 * runs.
 */
class MainTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run main(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionAndHelpExitZero() {
        Run v = main("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("ringmaster ").contains("Java ");
        Run h = main("--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("play").contains("inventory").contains("modules");
        Run playHelp = main("play", "--help");
        assertThat(playHelp.out()).contains("--assert-no-changes").contains("Exit codes:");
    }

    @Test
    void badOptionsExitFive() {
        Path pb = write("pb.yml", "- hosts: all\n  tasks: []\n");
        Run forks = main("play", pb.toString(), "--forks", "0");
        assertThat(forks.code()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(forks.err()).contains("--forks must be at least 1");
        Run unknown = main("play", pb.toString(), "--chek");
        assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(unknown.err()).contains("ERROR!").contains("--chek").contains("--check");
        assertThat(main("play").code()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(main("nonsense").code()).isEqualTo(ExitCodes.BAD_OPTIONS);
    }

    @Test
    void aBrokenPlaybookExitsFourWithItsPosition() {
        Path pb =
                write(
                        "broken.yml",
                        "- hosts: all\n  tasks:\n    - name: x\n      command: ls\n      whn: true\n");
        Run r = main("play", pb.toString(), "-i", "localhost,");
        assertThat(r.code()).isEqualTo(ExitCodes.PLAYBOOK_ERROR);
        assertThat(r.err()).containsPattern("broken\\.yml:5:\\d+").contains("whn");
        assertThat(r.out()).doesNotContain("PLAY [");
    }

    @Test
    void anUnknownModuleIsReportedBeforeAnythingRuns() {
        Path pb = write("pb.yml", "- hosts: all\n  tasks:\n    - name: x\n      frobnicate: {}\n");
        Run r = main("play", pb.toString(), "-i", "localhost,");
        assertThat(r.code()).isEqualTo(ExitCodes.PLAYBOOK_ERROR);
        assertThat(r.err())
                .contains("pb.yml:3:")
                .contains("unknown module 'frobnicate'")
                .contains("nothing was run");
    }

    @Test
    void badExtraVarsExitFour() {
        Path pb = write("pb.yml", "- hosts: all\n  tasks: []\n");
        Run r = main("play", pb.toString(), "-e", "1abc=x");
        assertThat(r.code()).isEqualTo(ExitCodes.PLAYBOOK_ERROR);
        assertThat(r.err()).contains("not a valid variable name");
    }

    @Test
    void inlineExtraVarsAreReadLikeAVarsFile() {
        Path pb = write("pb.yml", "- hosts: all\n  tasks: []\n");
        Run dup = main("play", pb.toString(), "-e", "{vcpus: 2, vcpus: 4}");
        assertThat(dup.code()).isEqualTo(ExitCodes.PLAYBOOK_ERROR);
        assertThat(dup.err()).contains("-e:1:").contains("duplicate key 'vcpus'");
        Run broken = main("play", pb.toString(), "-e", "{vcpus: [2}");
        assertThat(broken.code()).isEqualTo(ExitCodes.PLAYBOOK_ERROR);
        assertThat(broken.err()).contains("-e:1:").contains("YAML syntax error");
    }

    @Test
    void inventoryGraphAndList() {
        Path inv = write("hosts.ini", "[web]\nweb1 colour=red\nweb2\n\n[db]\ndb1\n");
        Run graph = main("inventory", "-i", inv.toString(), "--graph");
        assertThat(graph.code()).isZero();
        assertThat(graph.out())
                .contains("@all:")
                .contains("@web:")
                .contains("web1")
                .contains("@db:");
        Run list = main("inventory", "-i", inv.toString(), "--list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("\"web1\"").contains("\"colour\": \"red\"");
        Run host = main("inventory", "-i", inv.toString(), "--host", "web1");
        assertThat(host.out()).contains("\"colour\": \"red\"");
        Run missing = main("inventory", "-i", inv.toString(), "--graph", "wbe");
        assertThat(missing.code()).isEqualTo(ExitCodes.PLAYBOOK_ERROR);
        assertThat(missing.err()).contains("did you mean 'web'?");
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
