package io.ringmaster.modules.files;

import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code template}: renders a Velocity template on the control machine and writes it to the host when its content,
 * mode, owner or group differ. The current state is read in one exec; an unchanged file costs nothing else.
 */
public final class Template implements Module {
    @Override
    public String name() {
        return "template";
    }

    @Override
    public String description() {
        return "Render a Velocity template and write it to the host when it differs (mode, owner, group, backup)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required("src", ParamType.STRING, "template beside the playbook, in templates/, or the project's templates/"),
                Param.required("dest", ParamType.STRING, "absolute path of the file on the host"),
                Param.optional("mode", ParamType.MODE, "mode such as '0644' or u=rw,g=r"),
                Param.optional("owner", ParamType.STRING, "owner user name"),
                Param.optional("group", ParamType.STRING, "group name"),
                Param.optional("backup", ParamType.BOOL, "keep the previous file as DEST.<timestamp>.bak").withDefault(false));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> literalArgs) {
        List<String> problems = new ArrayList<>();
        Object dest = literalArgs.get("dest");
        if (dest != null && !String.valueOf(dest).contains("$") && !String.valueOf(dest).startsWith("/")) {
            problems.add("dest must be an absolute path, not '" + dest + "'");
        }
        return problems;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws HostUnreachableException, InterruptedException {
        String src = ctx.args().requireString("src");
        String dest = ctx.args().requireString("dest");
        if (!dest.startsWith("/") || dest.endsWith("/")) {
            return fail(ctx, "dest '" + dest + "' must be an absolute file path");
        }
        String rendered;
        try {
            rendered = ctx.expr().renderTemplate(src, Map.of());
        } catch (ExpressionException e) {
            return fail(ctx, "cannot render " + src + ": " + e.getMessage());
        }
        byte[] want = rendered.getBytes(StandardCharsets.UTF_8);
        return ContentWrite.write(ctx, new ContentWrite.Request("template", dest, want, Attrs.of(ctx.args()),
                ctx.args().bool("backup"), null));
    }

    static String sha1(byte[] data) {
        return ContentWrite.sha1(data);
    }

    private static ModuleResult fail(ModuleContext ctx, String msg) {
        return new ModuleResult.Failed("template on " + ctx.host() + ": " + msg, Map.of());
    }
}
