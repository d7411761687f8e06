package io.ringmaster.builtin.files;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.module.api.Shell;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code stat}: facts about a path under {@code stat} ({@code exists}, {@code isdir},
 * {@code isreg}, {@code islnk}, {@code mode}, {@code size}, {@code uid}, {@code pw_name}, {@code
 * mtime}, {@code checksum}, ...), from one exec of coreutils' {@code stat} and a checksum tool.
 * Never changes anything.
 */
public final class StatModule implements Module {
    private static final String FORMAT = "%F|%a|%s|%u|%g|%U|%G|%Y|%X|%Z|%i|%d|%h";

    @Override
    public String name() {
        return "stat";
    }

    @Override
    public String description() {
        return "Report facts about a path (exists, type, mode, owner, size, times, checksum)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required("path", ParamType.STRING, "the path on the host")
                        .withAliases("dest", "name"),
                Param.optional("follow", ParamType.BOOL, "follow a symbolic link")
                        .withDefault(false),
                Param.optional("get_checksum", ParamType.BOOL, "checksum a regular file")
                        .withDefault(true),
                Param.optional("checksum_algorithm", ParamType.STRING, "the checksum's algorithm")
                        .withDefault("sha1")
                        .withChoices("md5", "sha1", "sha224", "sha256", "sha384", "sha512")
                        .withAliases("checksum", "checksum_algo"));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String path = ctx.args().requireString("path");
        boolean follow = ctx.args().bool("follow");
        Sections s = Sections.script().raw("P=" + Shell.quote(path) + "; LC_ALL=C; export LC_ALL");
        s.section("stat", "stat " + (follow ? "-L " : "") + "-c '" + FORMAT + "' -- \"$P\"");
        s.section("link", "if [ -L \"$P\" ]; then readlink -f -- \"$P\"; fi");
        s.section(
                "access",
                "r=false; w=false; x=false; [ -r \"$P\" ] && r=true; [ -w \"$P\" ] && w=true;"
                        + " [ -x \"$P\" ] && x=true; echo \"$r $w $x\"");
        if (ctx.args().bool("get_checksum")) {
            String tool = ctx.args().string("checksum_algorithm").orElse("sha1") + "sum";
            s.section(
                    "checksum",
                    "if [ -f \"$P\" ] && [ -r \"$P\" ]; then "
                            + tool
                            + " < \"$P\" | cut -d' ' -f1; fi");
        }
        ExecResult r = ctx.remote().exec(s.command(), null, Duration.ofSeconds(120));
        Map<String, Section> sec = s.parse(r.stdout());
        Section st = sec.get("stat");
        if (st == null) {
            return new ModuleResult.Failed(
                    "stat on "
                            + ctx.host()
                            + ": cannot run stat (rc "
                            + r.rc()
                            + ": "
                            + r.stderr().strip()
                            + ")",
                    Map.of());
        }
        if (!st.ok()) {
            if (st.text().contains("No such file") || st.text().contains("Not a directory")) {
                return new ModuleResult.Ok("", Map.of("stat", Map.of("exists", false)));
            }
            return new ModuleResult.Failed(
                    "stat on "
                            + ctx.host()
                            + ": "
                            + st.text().strip()
                            + "; check permissions (become) on the host",
                    Map.of());
        }
        return new ModuleResult.Ok("", Map.of("stat", facts(path, st.text(), sec, ctx)));
    }

    static Map<String, Object> facts(
            String path, String statLine, Map<String, Section> sec, ModuleContext ctx) {
        String[] f = statLine.strip().split("\\|", -1);
        int mode = Integer.parseInt(f[1], 8);
        String type = RemoteFile.typeOf(f[0]);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exists", true);
        m.put("path", path);
        m.put("mode", Modes.ansible(mode & 07777));
        m.put("isdir", type.equals("directory"));
        m.put("isreg", type.equals("file"));
        m.put("islnk", type.equals("link"));
        m.put("isblk", f[0].equals("block special file"));
        m.put("ischr", f[0].equals("character special file"));
        m.put("isfifo", f[0].equals("fifo"));
        m.put("issock", f[0].equals("socket"));
        m.put("size", Long.parseLong(f[2]));
        m.put("uid", Long.parseLong(f[3]));
        m.put("gid", Long.parseLong(f[4]));
        m.put("pw_name", f[5]);
        m.put("gr_name", f[6]);
        m.put("mtime", Long.parseLong(f[7]));
        m.put("atime", Long.parseLong(f[8]));
        m.put("ctime", Long.parseLong(f[9]));
        m.put("inode", Long.parseLong(f[10]));
        m.put("dev", Long.parseLong(f[11]));
        m.put("nlink", Long.parseLong(f[12]));
        m.put("isuid", (mode & 04000) != 0);
        m.put("isgid", (mode & 02000) != 0);
        String[] access =
                Sections.okText(sec, "access").orElse("false false false").strip().split(" ");
        m.put("readable", Boolean.parseBoolean(access[0]));
        m.put("writeable", Boolean.parseBoolean(access[1]));
        m.put("executable", Boolean.parseBoolean(access[2]));
        Sections.okText(sec, "link")
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .ifPresent(t -> m.put("lnk_source", t));
        Sections.okText(sec, "checksum")
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .ifPresent(t -> m.put("checksum", t));
        return m;
    }
}
