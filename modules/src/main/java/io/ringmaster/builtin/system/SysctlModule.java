package io.ringmaster.builtin.system;

import io.ringmaster.builtin.files.Attrs;
import io.ringmaster.builtin.files.ContentWrite;
import io.ringmaster.builtin.files.FileProbe;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import io.ringmaster.module.api.Shell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code sysctl}: keeps {@code name=value} in {@code sysctl_file} (default
 * /etc/sysctl.conf), sets the running kernel's value with {@code sysctl_set}, and with {@code
 * reload} (default) applies the file after it changed. The kernel value is read and written through
 * /proc/sys, so no procps is needed on the host.
 */
public final class SysctlModule implements Module {

    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public String description() {
        return "Keep a kernel parameter in sysctl.conf and (optionally) set it in the running kernel";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required("name", ParamType.STRING, "the parameter, e.g. vm.swappiness")
                        .withAliases("key"),
                Param.optional("value", ParamType.STRING, "its value (required with state=present)")
                        .withAliases("val"),
                Param.optional("state", ParamType.STRING, "present or absent")
                        .withDefault("present")
                        .withChoices("present", "absent"),
                Param.optional("sysctl_file", ParamType.STRING, "the file to keep it in")
                        .withDefault("/etc/sysctl.conf"),
                Param.optional(
                                "reload",
                                ParamType.BOOL,
                                "apply the file (sysctl -p FILE) when it changed")
                        .withDefault(true),
                Param.optional(
                                "sysctl_set",
                                ParamType.BOOL,
                                "compare and set the running kernel's value")
                        .withDefault(false),
                Param.optional(
                                "ignoreerrors",
                                ParamType.BOOL,
                                "ignore errors about unknown keys when reloading")
                        .withDefault(false));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> a) {
        if (!"absent".equals(a.get("state")) && !a.containsKey("value") && !a.containsKey("val")) {
            return List.of("value is required with state=present");
        }
        return List.of();
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String name = ctx.args().requireString("name").strip();
        String file = ctx.args().requireString("sysctl_file");
        boolean present = ctx.args().string("state").orElse("present").equals("present");
        String value = ctx.args().string("value").map(SysctlModule::normal).orElse("");
        FileProbe.Snapshot snap = FileProbe.read(ctx.remote(), file, true, true, null);
        if (!snap.ok()) {
            return fail(ctx, snap.error());
        }
        String text = new String(snap.file().content(), StandardCharsets.UTF_8);
        String edited = edit(text, name, value, present);
        List<String> changes = new ArrayList<>();
        boolean fileChange = !edited.equals(text);
        if (fileChange) {
            changes.add(file);
        }
        String kernel = null;
        if (present && ctx.args().bool("sysctl_set")) {
            kernel = readKernel(ctx, name);
            if (kernel == null) {
                return fail(
                        ctx,
                        "the running kernel has no parameter " + name + " (no " + proc(name) + ")");
            }
            if (!kernel.equals(value)) {
                changes.add("kernel " + kernel + " -> " + value);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("value", value);
        data.put("sysctl_file", file);
        if (changes.isEmpty()) {
            return new ModuleResult.Ok(name + " is " + (present ? value : "absent"), data);
        }
        ModuleResult written =
                fileChange
                        ? ContentWrite.write(
                                ctx,
                                new ContentWrite.Request(
                                        "sysctl",
                                        file,
                                        edited.getBytes(StandardCharsets.UTF_8),
                                        new Attrs(null, null, null),
                                        false,
                                        snap))
                        : null;
        if (written instanceof ModuleResult.Failed) {
            return written;
        }
        var diff = written instanceof ModuleResult.Changed c ? c.diff() : null;
        if (ctx.checkMode()) {
            return new ModuleResult.Changed(
                    "would change " + String.join(", ", changes), data, diff);
        }
        String applied = apply(ctx, name, value, file, present, fileChange, kernel);
        if (applied != null) {
            return fail(ctx, applied);
        }
        return new ModuleResult.Changed("changed " + String.join(", ", changes), data, diff);
    }

    /** Sets the kernel value and reloads the file as asked; null when done, else the failure. */
    private static String apply(
            ModuleContext ctx,
            String name,
            String value,
            String file,
            boolean present,
            boolean fileChange,
            String kernel)
            throws HostUnreachableException, InterruptedException {
        if (kernel != null && !kernel.equals(value)) {
            ExecResult w =
                    ctx.remote()
                            .exec(
                                    "printf '%s\\n' "
                                            + Shell.quote(value)
                                            + " > "
                                            + Shell.quote(proc(name)));
            if (!w.ok()) {
                return "cannot set "
                        + name
                        + " in the running kernel: "
                        + w.stderr().strip()
                        + hint(w.stderr());
            }
        }
        if (fileChange && ctx.args().bool("reload") && present) {
            boolean ignore = ctx.args().bool("ignoreerrors");
            String cmd =
                    "if command -v sysctl >/dev/null 2>&1; then sysctl "
                            + (ignore ? "-e " : "")
                            + "-p "
                            + Shell.quote(file)
                            + " >/dev/null; else printf '%s\\n' "
                            + Shell.quote(value)
                            + " > "
                            + Shell.quote(proc(name))
                            + "; fi";
            ExecResult r = ctx.remote().exec(cmd);
            if (!r.ok()) {
                return "wrote "
                        + file
                        + " but reloading it failed: "
                        + (r.stderr() + r.stdout()).strip()
                        + hint(r.stderr() + r.stdout());
            }
        }
        return null;
    }

    private static String hint(String err) {
        return err.contains("Read-only") || err.contains("permission denied")
                ? "; /proc/sys is read-only or closed here (a container?): give reload: false and"
                        + " sysctl_set: false to manage the file only"
                : "";
    }

    private static String readKernel(ModuleContext ctx, String name)
            throws HostUnreachableException, InterruptedException {
        ExecResult r = ctx.remote().exec("cat " + Shell.quote(proc(name)));
        return r.ok() ? normal(r.stdout()) : null;
    }

    static String proc(String name) {
        return "/proc/sys/" + name.replace('.', '/');
    }

    /** Whitespace collapsed, as Ansible compares values. */
    static String normal(String v) {
        return String.join(" ", v.strip().split("\\s+"));
    }

    /**
     * The file with every line of {@code name} replaced by one {@code name=value} (or removed), as
     * Ansible edits it.
     */
    static String edit(String text, String name, String value, boolean present) {
        StringBuilder out = new StringBuilder();
        boolean written = false;
        for (String line : io.ringmaster.builtin.files.LineEdit.lines(text)) {
            String body = line.strip();
            boolean mine =
                    !body.startsWith("#")
                            && !body.startsWith(";")
                            && body.contains("=")
                            && body.substring(0, body.indexOf('=')).strip().equals(name);
            if (!mine) {
                out.append(line);
            } else if (present && !written) {
                boolean same = normal(body.substring(body.indexOf('=') + 1)).equals(value);
                out.append(same ? line : name + "=" + value + "\n");
                written = true;
            }
        }
        if (present && !written) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append(name).append('=').append(value).append('\n');
        }
        return out.toString();
    }

    private static ModuleResult fail(ModuleContext ctx, String msg) {
        return new ModuleResult.Failed("sysctl on " + ctx.host() + ": " + msg, Map.of());
    }
}
