package io.ringmaster.builtin.files;

import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code fetch}: copies a file from the host to the control machine, to {@code
 * DEST/INVENTORY_HOSTNAME/SRC} (or exactly {@code DEST} with {@code flat}; a relative dest is
 * beside the playbook); written atomically and only when the content differs. The file travels
 * base64-encoded over the run's session; meant for configuration and logs, not for disk images.
 */
public final class FetchModule implements Module {

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public String description() {
        return "Copy a file from the host to the control machine (DEST/HOST/SRC, or flat)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required("src", ParamType.STRING, "the file on the host"),
                Param.required(
                        "dest",
                        ParamType.STRING,
                        "directory (or with flat, file) on the control machine"),
                Param.optional(
                                "flat",
                                ParamType.BOOL,
                                "write to dest itself (dest ending in / gets src's name)")
                        .withDefault(false),
                Param.optional("fail_on_missing", ParamType.BOOL, "fail when src does not exist")
                        .withDefault(true),
                Param.optional(
                                "validate_checksum",
                                ParamType.BOOL,
                                "accepted; the copy is always compared byte for byte")
                        .withDefault(true));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String src = ctx.args().requireString("src");
        FileProbe.Snapshot snap = FileProbe.read(ctx.remote(), src, true, true, null);
        if (!snap.ok()) {
            return fail(ctx, snap.error());
        }
        if (!snap.file().isFile()) {
            String why =
                    snap.file().exists()
                            ? "src " + src + " is not a regular file"
                            : "the remote file does not exist, not transferring: " + src;
            return ctx.args().bool("fail_on_missing") || snap.file().exists()
                    ? fail(ctx, why)
                    : new ModuleResult.Ok(why, Map.of("file", src));
        }
        Path dest = destination(ctx, src);
        byte[] want = snap.file().content();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dest", dest.toString());
        data.put("file", src);
        data.put("checksum", ContentWrite.sha1(want));
        data.put("remote_checksum", ContentWrite.sha1(want));
        try {
            if (Files.isRegularFile(dest) && Arrays.equals(Files.readAllBytes(dest), want)) {
                return new ModuleResult.Ok(dest + " is up to date", data);
            }
            if (!ctx.checkMode()) {
                write(dest, want);
            }
        } catch (IOException e) {
            return fail(ctx, "cannot write " + dest + " on the control machine: " + e);
        }
        return new ModuleResult.Changed(
                (ctx.checkMode() ? "would fetch " : "fetched ") + src + " to " + dest, data, null);
    }

    static Path destination(ModuleContext ctx, String src) {
        String dest = ctx.args().requireString("dest");
        Object base = ctx.vars().get("playbook_dir");
        if (!dest.startsWith("/") && base != null) {
            dest = Path.of(String.valueOf(base)).resolve(dest) + (dest.endsWith("/") ? "/" : "");
        }
        if (ctx.args().bool("flat")) {
            return dest.endsWith("/")
                    ? Path.of(dest, Path.of(src).getFileName().toString())
                    : Path.of(dest);
        }
        String rel = src.replaceFirst("^/+", "");
        return Path.of(dest, ctx.host(), rel);
    }

    private static void write(Path dest, byte[] content) throws IOException {
        Path dir = dest.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + dest.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(
                    tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ModuleResult fail(ModuleContext ctx, String msg) {
        return new ModuleResult.Failed("fetch on " + ctx.host() + ": " + msg, Map.of());
    }
}
