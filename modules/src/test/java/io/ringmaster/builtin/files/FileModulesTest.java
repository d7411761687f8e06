package io.ringmaster.builtin.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.fixtures.LocalRemote;
import io.ringmaster.builtin.virt.Contexts;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * file, copy, stat and fetch on this machine through a local shell: idempotence, check mode,
 * messages.
 */
class FileModulesTest {
    @TempDir Path dir;

    private final LocalRemote remote = new LocalRemote();

    private ModuleResult run(Module m, Map<String, Object> args, boolean check) throws Exception {
        return m.run(
                Contexts.of(
                        m,
                        args,
                        Map.of("playbook_dir", dir.toString()),
                        remote,
                        List.of(dir),
                        check,
                        true));
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void directoryIsCreatedOnceThenOk() throws Exception {
        Path d = dir.resolve("a b/c");
        ModuleResult check =
                run(new FileModule(), Map.of("path", d.toString(), "state", "directory"), true);
        assertThat(check).isInstanceOf(ModuleResult.Changed.class);
        assertThat(((ModuleResult.Changed) check).diff().unified())
                .contains("-state: absent", "+state: directory");
        assertThat(d).doesNotExist();
        ModuleResult first =
                run(
                        new FileModule(),
                        Map.of("path", d.toString(), "state", "directory", "mode", "0750"),
                        false);
        assertThat(first).as(first.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(perms(d)).isEqualTo("rwxr-x---");
        assertThat(first.data()).containsEntry("mode", "0750").containsEntry("state", "directory");
        remote.clear();
        ModuleResult again =
                run(
                        new FileModule(),
                        Map.of("path", d.toString(), "state", "directory", "mode", "0750"),
                        false);
        assertThat(again).as(again.msg()).isInstanceOf(ModuleResult.Ok.class);
        assertThat(remote.commands()).hasSize(1);
    }

    @Test
    void symbolicModeIsComparedNotJustApplied() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        ModuleResult first =
                run(new FileModule(), Map.of("path", f.toString(), "mode", "g+w,o="), false);
        assertThat(first).as(first.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(perms(f)).isEqualTo("rw-rw----");
        assertThat(run(new FileModule(), Map.of("path", f.toString(), "mode", "g+w,o="), false))
                .isInstanceOf(ModuleResult.Ok.class);
    }

    @Test
    void fileStateOnAMissingPathFailsAsAnsibleDoes() throws Exception {
        ModuleResult r =
                run(new FileModule(), Map.of("path", dir.resolve("nope").toString()), false);
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg()).contains("is absent, cannot continue").contains("state=touch");
    }

    @Test
    void linkTouchAndAbsent() throws Exception {
        Path link = dir.resolve("l");
        Map<String, Object> ln =
                Map.of("path", link.toString(), "src", "/etc/hostname", "state", "link");
        assertThat(run(new FileModule(), ln, false)).isInstanceOf(ModuleResult.Changed.class);
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/etc/hostname"));
        assertThat(run(new FileModule(), ln, false)).isInstanceOf(ModuleResult.Ok.class);
        Path t = dir.resolve("t");
        Map<String, Object> keep =
                Map.of(
                        "path",
                        t.toString(),
                        "state",
                        "touch",
                        "modification_time",
                        "preserve",
                        "access_time",
                        "preserve");
        assertThat(run(new FileModule(), keep, false)).isInstanceOf(ModuleResult.Changed.class);
        assertThat(run(new FileModule(), keep, false)).isInstanceOf(ModuleResult.Ok.class);
        assertThat(run(new FileModule(), Map.of("path", t.toString(), "state", "touch"), false))
                .as("touch without preserve always changes, as in Ansible")
                .isInstanceOf(ModuleResult.Changed.class);
        assertThat(run(new FileModule(), Map.of("path", t.toString(), "state", "absent"), false))
                .isInstanceOf(ModuleResult.Changed.class);
        assertThat(t).doesNotExist();
        assertThat(run(new FileModule(), Map.of("path", t.toString(), "state", "absent"), false))
                .isInstanceOf(ModuleResult.Ok.class);
    }

    @Test
    void copyFromFilesDirContentAndIntoADirectory() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("files/app.conf"), "a=1\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        ModuleResult first =
                run(
                        new CopyModule(),
                        Map.of("src", "app.conf", "dest", out + "/", "mode", "0600"),
                        false);
        assertThat(first).as(first.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(Files.readString(out.resolve("app.conf"))).isEqualTo("a=1\n");
        assertThat(perms(out.resolve("app.conf"))).isEqualTo("rw-------");
        assertThat(first.data())
                .containsEntry("dest", out + "/app.conf")
                .containsEntry("src", "app.conf");
        assertThat(
                        run(
                                new CopyModule(),
                                Map.of("src", "app.conf", "dest", out.toString(), "mode", "0600"),
                                false))
                .isInstanceOf(ModuleResult.Ok.class);
        Path c = out.resolve("inline");
        ModuleResult check =
                run(new CopyModule(), Map.of("content", "hi\n", "dest", c.toString()), true);
        assertThat(((ModuleResult.Changed) check).diff().unified()).contains("+hi");
        assertThat(c).doesNotExist();
        run(new CopyModule(), Map.of("content", "hi\n", "dest", c.toString()), false);
        assertThat(
                        run(
                                new CopyModule(),
                                Map.of("content", "other\n", "dest", c.toString(), "force", false),
                                false))
                .isInstanceOf(ModuleResult.Ok.class);
        assertThat(Files.readString(c)).isEqualTo("hi\n");
        ModuleResult missing =
                run(new CopyModule(), Map.of("src", "nope.conf", "dest", c.toString()), false);
        assertThat(missing.msg())
                .contains("not found on the control machine")
                .contains("files/nope.conf");
    }

    @Test
    void copyAndLineinfileWriteUnderTheDestinationsLockAndANoChangeRunTakesNone() throws Exception {
        Path dest = dir.resolve("locked.conf");
        String lock = "lock " + TemplateModule.lockPath(dest.toString());
        remote.clear();
        ModuleResult copied =
                run(new CopyModule(), Map.of("content", "a=1\n", "dest", dest.toString()), false);
        assertThat(copied).as(copied.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(remote.commands()).contains(lock);
        remote.clear();
        ModuleResult edited =
                run(new LineInFileModule(), Map.of("path", dest.toString(), "line", "b=2"), false);
        assertThat(edited).as(edited.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(remote.commands()).contains(lock);
        assertThat(Files.readString(dest)).isEqualTo("a=1\nb=2\n");
        remote.clear();
        ModuleResult again =
                run(new LineInFileModule(), Map.of("path", dest.toString(), "line", "b=2"), false);
        assertThat(again).as(again.msg()).isInstanceOf(ModuleResult.Ok.class);
        assertThat(remote.commands()).doesNotContain(lock);
    }

    @Test
    void statReportsAnsibleFields() throws Exception {
        Path f = Files.writeString(dir.resolve("s"), "abc");
        ModuleResult r = run(new StatModule(), Map.of("path", f.toString()), false);
        @SuppressWarnings("unchecked")
        Map<String, Object> st = (Map<String, Object>) r.data().get("stat");
        assertThat(st)
                .containsEntry("exists", true)
                .containsEntry("isreg", true)
                .containsEntry("isdir", false)
                .containsEntry("size", 3L)
                .containsEntry("checksum", "a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(st.get("mode")).asString().matches("0[0-7]{3}");
        assertThat(
                        run(new StatModule(), Map.of("path", dir.resolve("none").toString()), false)
                                .data())
                .isEqualTo(Map.of("stat", Map.of("exists", false)));
    }

    @Test
    void fetchWritesUnderHostNameOnceAndFlat() throws Exception {
        Path src = Files.writeString(dir.resolve("remote.log"), "log\n");
        ModuleResult first =
                run(new FetchModule(), Map.of("src", src.toString(), "dest", "fetched"), false);
        assertThat(first).as(first.msg()).isInstanceOf(ModuleResult.Changed.class);
        Path got = dir.resolve("fetched/testhost" + src);
        assertThat(Files.readString(got)).isEqualTo("log\n");
        assertThat(run(new FetchModule(), Map.of("src", src.toString(), "dest", "fetched"), false))
                .isInstanceOf(ModuleResult.Ok.class);
        run(
                new FetchModule(),
                Map.of("src", src.toString(), "dest", dir + "/flat/", "flat", true),
                false);
        assertThat(dir.resolve("flat/remote.log")).hasContent("log");
        ModuleResult missing =
                run(
                        new FetchModule(),
                        Map.of("src", "/nonexistent/x", "dest", "f", "fail_on_missing", false),
                        false);
        assertThat(missing).isInstanceOf(ModuleResult.Ok.class);
    }

    @Test
    void modesFollowChmod() {
        assertThat(Modes.target("u=rwx,g=rx,o=", 0644, false)).isEqualTo(0750);
        assertThat(Modes.target("a+X", 0644, true)).isEqualTo(0755);
        assertThat(Modes.target("a+X", 0644, false)).isEqualTo(0644);
        assertThat(Modes.target("u+s", 0755, false)).isEqualTo(04755);
        assertThat(Modes.target("0640", 0777, false)).isEqualTo(0640);
        assertThat(Modes.target("go-w", 0777, false)).isEqualTo(0755);
    }
}
