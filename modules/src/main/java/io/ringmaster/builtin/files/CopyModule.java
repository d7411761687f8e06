package io.ringmaster.builtin.files;

import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ansible's {@code copy}: a file from the control machine ({@code src}, looked up in the role's and
 * playbook's {@code files/}), inline {@code content}, or with {@code remote_src} a file already on
 * the host, written to {@code dest} when content, mode, owner or group differ; atomic, with {@code
 * backup}, check mode and diff.
 */
public final class CopyModule implements Module {

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public String description() {
        return "Copy a file (or inline content) to the host when it differs (mode, owner, group, backup, force)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.optional(
                        "src",
                        ParamType.STRING,
                        "file on the control machine (files/ of the role or playbook), or on the host with remote_src"),
                Param.optional("content", ParamType.STRING, "the file's content, instead of src"),
                Param.required(
                        "dest",
                        ParamType.STRING,
                        "absolute path on the host; a directory (or a path ending in /) receives src's file name"),
                Param.optional("mode", ParamType.MODE, "mode such as '0644' or u=rw,g=r"),
                Param.optional("owner", ParamType.STRING, "owner user name"),
                Param.optional("group", ParamType.STRING, "group name"),
                Param.optional(
                                "backup",
                                ParamType.BOOL,
                                "keep the previous file as DEST.<timestamp>.bak")
                        .withDefault(false),
                Param.optional(
                                "force",
                                ParamType.BOOL,
                                "replace a dest whose content differs; false: only create it")
                        .withDefault(true),
                Param.optional("remote_src", ParamType.BOOL, "src is a file on the host")
                        .withDefault(false));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> literalArgs) {
        List<String> problems = new ArrayList<>();
        if (literalArgs.containsKey("src") == literalArgs.containsKey("content")) {
            problems.add("copy needs exactly one of src or content");
        }
        if (literalArgs.containsKey("content")
                && Boolean.TRUE.equals(literalArgs.get("remote_src"))) {
            problems.add("remote_src applies to src, not content");
        }
        return problems;
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String dest = ctx.args().requireString("dest");
        if (!dest.startsWith("/")) {
            return fail(ctx, "dest '" + dest + "' must be an absolute path");
        }
        Optional<String> src = ctx.args().string("src");
        byte[] want;
        if (src.isPresent()) {
            Source s =
                    ctx.args().bool("remote_src") ? remote(ctx, src.get()) : local(ctx, src.get());
            if (s.error() != null) {
                return fail(ctx, s.error());
            }
            want = s.bytes();
        } else {
            want = ctx.args().requireString("content").getBytes(StandardCharsets.UTF_8);
        }
        Attrs attrs = Attrs.of(ctx.args());
        FileProbe.Snapshot snap = FileProbe.read(ctx.remote(), dest, true, true, attrs);
        if (dest.endsWith("/") || snap.file().isDirectory()) {
            if (src.isEmpty()) {
                return fail(
                        ctx, "dest " + dest + " is a directory; with content, give a file path");
            }
            dest = dest.replaceAll("/+$", "") + "/" + Path.of(src.get()).getFileName();
            snap = FileProbe.read(ctx.remote(), dest, true, true, attrs);
        }
        if (!ctx.args().bool("force") && snap.file().exists()) {
            return new ModuleResult.Ok(
                    dest + " exists and force is false: left as it is", Map.of("dest", dest));
        }
        ModuleResult r =
                ContentWrite.write(
                        ctx,
                        new ContentWrite.Request(
                                "copy", dest, want, attrs, ctx.args().bool("backup"), snap));
        return src.map(s -> withSrc(r, s)).orElse(r);
    }

    private record Source(byte[] bytes, String error) {}

    private static Source local(ModuleContext ctx, String src) {
        Optional<Path> p = ControllerFiles.find(src, "files", ctx.vars());
        if (p.isEmpty()) {
            return new Source(
                    null,
                    "src "
                            + src
                            + " not found on the control machine; "
                            + ControllerFiles.searched(src, "files", ctx.vars()));
        }
        if (Files.isDirectory(p.get())) {
            return new Source(
                    null,
                    "src "
                            + p.get()
                            + " is a directory; Ringmaster's copy copies one file"
                            + " (use one task per file, or a loop)");
        }
        try {
            return new Source(Files.readAllBytes(p.get()), null);
        } catch (IOException e) {
            return new Source(null, "cannot read src " + p.get() + ": " + e.getMessage());
        }
    }

    private static Source remote(ModuleContext ctx, String src)
            throws HostUnreachableException, InterruptedException {
        FileProbe.Snapshot s = FileProbe.read(ctx.remote(), src, true, true, null);
        if (!s.ok()) {
            return new Source(null, s.error());
        }
        if (!s.file().isFile()) {
            return new Source(
                    null,
                    "remote src "
                            + src
                            + (s.file().exists() ? " is not a regular file" : " does not exist"));
        }
        return new Source(s.file().content(), null);
    }

    private static ModuleResult withSrc(ModuleResult r, String src) {
        Map<String, Object> data = new java.util.LinkedHashMap<>(r.data());
        data.put("src", src);
        if (r instanceof ModuleResult.Ok ok) {
            return new ModuleResult.Ok(ok.msg(), data);
        }
        if (r instanceof ModuleResult.Changed c) {
            return new ModuleResult.Changed(c.msg(), data, c.diff());
        }
        return r;
    }

    private static ModuleResult fail(ModuleContext ctx, String msg) {
        return new ModuleResult.Failed("copy on " + ctx.host() + ": " + msg, Map.of());
    }
}
