package io.ringmaster.builtin.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.fixtures.LocalRemote;
import io.ringmaster.builtin.virt.Contexts;
import io.ringmaster.module.api.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateTest {
    @TempDir Path dir;

    private final LocalRemote remote = new LocalRemote();

    private ModuleResult run(
            Path dest, Map<String, Object> extra, Map<String, Object> vars, boolean check)
            throws Exception {
        Map<String, Object> args = new HashMap<>(extra);
        args.put("src", "motd.vm");
        args.put("dest", dest.toString());
        TemplateModule t = new TemplateModule();
        return t.run(Contexts.of(t, args, vars, remote, List.of(dir.resolve("tpl")), check, true));
    }

    private Path setUp() throws Exception {
        Files.createDirectories(dir.resolve("tpl"));
        Files.writeString(dir.resolve("tpl/motd.vm"), "host $who\nline 2\n");
        return dir.resolve("out dir; touch pwned").resolve("motd 'x'");
    }

    @Test
    void createsThenIsIdempotentInOneExec() throws Exception {
        Path dest = setUp();
        Files.createDirectories(dest.getParent());
        ModuleResult first = run(dest, Map.of("mode", "0640"), Map.of("who", "a"), false);
        assertThat(first).as(first.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(Files.readString(dest)).isEqualTo("host a\nline 2\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)))
                .isEqualTo("rw-r-----");
        assertThat(first.data())
                .containsEntry("checksum", TemplateModule.sha1("host a\nline 2\n".getBytes()));
        remote.clear();
        ModuleResult second = run(dest, Map.of("mode", "0640"), Map.of("who", "a"), false);
        assertThat(second).isInstanceOf(ModuleResult.Ok.class);
        assertThat(remote.commands()).hasSize(1);
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(Path.of("pwned")).doesNotExist();
    }

    @Test
    void missingDirectoryOwnerOrGroupFailsBeforeAnythingIsWritten() throws Exception {
        Path dest = setUp();
        ModuleResult noDir = run(dest, Map.of(), Map.of("who", "a"), false);
        assertThat(noDir).isInstanceOf(ModuleResult.Failed.class);
        assertThat(noDir.msg())
                .contains("does not exist; create it first")
                .contains("nothing was written");
        Files.createDirectories(dest.getParent());
        ModuleResult noOwner =
                run(dest, Map.of("owner", "no-such-user-rm"), Map.of("who", "a"), false);
        assertThat(noOwner.msg()).contains("owner 'no-such-user-rm' does not exist");
        ModuleResult noGroup =
                run(dest, Map.of("group", "no-such-group-rm"), Map.of("who", "a"), false);
        assertThat(noGroup.msg()).contains("group 'no-such-group-rm' does not exist");
        assertThat(dest).doesNotExist();
        assertThat(remote.commands()).hasSize(3);
    }

    @Test
    void checkModePredictsWithDiffAndWritesNothing() throws Exception {
        Path dest = setUp();
        Files.createDirectories(dest.getParent());
        run(dest, Map.of(), Map.of("who", "a"), false);
        ModuleResult check = run(dest, Map.of(), Map.of("who", "b"), true);
        assertThat(check).isInstanceOf(ModuleResult.Changed.class);
        assertThat(((ModuleResult.Changed) check).diff().unified()).contains("-host a", "+host b");
        assertThat(Files.readString(dest)).isEqualTo("host a\nline 2\n");
    }

    @Test
    void backupKeepsTheOldFileAndModeChangesAlone() throws Exception {
        Path dest = setUp();
        Files.createDirectories(dest.getParent());
        run(dest, Map.of("mode", "0644"), Map.of("who", "a"), false);
        ModuleResult mode = run(dest, Map.of("mode", "0600"), Map.of("who", "a"), false);
        assertThat(mode.msg()).contains("mode 644 -> 600");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)))
                .isEqualTo("rw-------");
        ModuleResult changed =
                run(dest, Map.of("mode", "0600", "backup", true), Map.of("who", "b"), false);
        Path backup = Path.of((String) changed.data().get("backup_file"));
        assertThat(Files.readString(backup)).isEqualTo("host a\nline 2\n");
        assertThat(backup.getFileName().toString()).startsWith("motd 'x'.").endsWith(".bak");
        assertThat(Files.readString(dest)).isEqualTo("host b\nline 2\n");
    }

    @Test
    void aMissingDirectoryOrBadModeIsReported() {
        assertThat(new TemplateModule().validate(Map.of("mode", "u=rw", "dest", "rel/path")))
                .hasSize(1);
    }

    @Test
    void aChangeIsMadeUnderTheDestinationsLockAndANoChangeRunTakesNone() throws Exception {
        Path dest = setUp();
        Files.createDirectories(dest.getParent());
        ModuleResult first = run(dest, Map.of(), Map.of("who", "a"), false);
        assertThat(first).as(first.msg()).isInstanceOf(ModuleResult.Changed.class);
        assertThat(remote.commands())
                .anyMatch(c -> c.equals("lock " + TemplateModule.lockPath(dest.toString())));
        assertThat(TemplateModule.lockPath(dest.toString())).endsWith("/.motd 'x'.ringmaster.lock");
        remote.clear();
        assertThat(run(dest, Map.of(), Map.of("who", "a"), false))
                .isInstanceOf(ModuleResult.Ok.class);
        assertThat(remote.commands()).noneMatch(c -> c.startsWith("lock "));
    }

    @Test
    void aStaleTemporaryFileIsRemovedUnderTheLock() throws Exception {
        Path dest = setUp();
        Files.createDirectories(dest.getParent());
        Path stale = dest.resolveSibling(".motd 'x'.ringmaster.0123456789ab");
        Files.writeString(stale, "half a file");
        assertThat(run(dest, Map.of(), Map.of("who", "a"), false))
                .isInstanceOf(ModuleResult.Changed.class);
        assertThat(stale).doesNotExist();
    }

    @Test
    void aFailedBackupRemovesItsPartialCopy() throws Exception {
        Path src = Files.writeString(dir.resolve("src"), "x");
        Path bak = dir.resolve("src.bak");
        // cp that writes a partial copy, then fails as on a full disk
        String failingCp =
                "cp() { : > \"$4\"; echo 'cp: error writing: No space left on device' >&2; return 1; }; ";
        var r =
                remote.exec(
                        failingCp + TemplateModule.backupCommand(src.toString(), bak.toString()),
                        null,
                        java.time.Duration.ofSeconds(5));
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.stderr()).contains("No space left on device");
        assertThat(bak).doesNotExist();
    }
}
