package io.ringmaster.builtin.system;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code package} with the apt and dnf back ends: packages {@code present}, {@code
 * absent} or {@code latest}. What is installed is read in one exec; the package manager runs only
 * for what differs, and the result is read back, so "changed" is what really changed. Check mode
 * predicts from the same read.
 */
public final class PackageModule implements Module {

    @Override
    public String name() {
        return "package";
    }

    @Override
    public String description() {
        return "Install, upgrade or remove packages with apt or dnf (state present, latest, absent)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required("name", ParamType.LIST, "package name or list of names")
                        .withAliases("pkg"),
                Param.optional(
                                "state",
                                ParamType.STRING,
                                "present (installed), latest, or absent (removed)")
                        .withDefault("present")
                        .withChoices("present", "installed", "latest", "absent", "removed"),
                Param.optional("use", ParamType.STRING, "auto (detect), apt or dnf")
                        .withDefault("auto")
                        .withChoices("auto", "apt", "dnf"),
                Param.optional(
                                "update_cache",
                                ParamType.BOOL,
                                "refresh the package lists first (apt-get update, dnf makecache)")
                        .withDefault(false));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        List<String> names =
                ctx.args().list("name").stream().map(String::valueOf).map(String::strip).toList();
        String state =
                ctx.args()
                        .string("state")
                        .orElse("present")
                        .replace("installed", "present")
                        .replace("removed", "absent");
        PackageBackend b = backend(ctx);
        if (b == null) {
            return fail(
                    ctx,
                    "no supported package manager on the host (apt-get with dpkg-query, or dnf); give use: or"
                            + " install packages another way");
        }
        boolean cacheUpdated = false;
        if (ctx.args().bool("update_cache") && !ctx.checkMode()) {
            ExecResult u = ctx.remote().exec(b.updateCache(), null, Duration.ofMinutes(10));
            if (!u.ok()) {
                return fail(ctx, b.updateCache() + " failed: " + (u.stderr() + u.stdout()).strip());
            }
            cacheUpdated = true;
        }
        Map<String, PackageBackend.State> before = query(ctx, b, names, state.equals("latest"));
        List<String> todo = todo(state, before);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("use", b.id);
        data.put("cache_updated", cacheUpdated);
        data.put("packages", todo);
        if (todo.isEmpty()) {
            return new ModuleResult.Ok(
                    "packages already " + state + ": " + String.join(", ", names), data);
        }
        String verb =
                state.equals("absent")
                        ? "remove"
                        : state.equals("latest") ? "install or upgrade" : "install";
        if (ctx.checkMode()) {
            return new ModuleResult.Changed(
                    "would " + verb + " " + String.join(", ", todo), data, null);
        }
        String cmd =
                state.equals("absent")
                        ? b.remove(todo)
                        : state.equals("latest") ? b.upgrade(todo) : b.install(todo);
        ExecResult r = ctx.remote().exec(cmd, null, Duration.ofMinutes(30));
        data.put("stdout", r.stdout());
        data.put("stderr", r.stderr());
        data.put("rc", (long) r.rc());
        List<String> left =
                todo(state.equals("latest") ? "present" : state, query(ctx, b, names, false));
        if (!r.ok() || !left.isEmpty()) {
            return new ModuleResult.Failed(
                    "package on "
                            + ctx.host()
                            + ": "
                            + cmd
                            + " (rc "
                            + r.rc()
                            + ") left "
                            + (left.isEmpty()
                                    ? "an error"
                                    : String.join(", ", left) + " not " + state)
                            + ": "
                            + (r.stderr() + r.stdout()).strip(),
                    data);
        }
        return new ModuleResult.Changed(verb + ": " + String.join(", ", todo), data, null);
    }

    private static PackageBackend backend(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String use = ctx.args().string("use").orElse("auto");
        if (!use.equals("auto")) {
            return PackageBackend.byId(use);
        }
        ExecResult r = ctx.remote().exec(PackageBackend.detect());
        return PackageBackend.byId(r.stdout().strip());
    }

    private static Map<String, PackageBackend.State> query(
            ModuleContext ctx, PackageBackend b, List<String> names, boolean latest)
            throws HostUnreachableException, InterruptedException {
        ExecResult r =
                ctx.remote()
                        .exec(
                                "LC_ALL=C; export LC_ALL; " + b.query(names, latest),
                                null,
                                Duration.ofMinutes(2));
        return b.parse(r.stdout(), names);
    }

    static List<String> todo(String state, Map<String, PackageBackend.State> cur) {
        List<String> out = new ArrayList<>();
        cur.forEach(
                (name, s) -> {
                    boolean act =
                            switch (state) {
                                case "absent" -> s.installed();
                                case "latest" -> !s.installed() || s.upgradable();
                                default -> !s.installed();
                            };
                    if (act) {
                        out.add(name);
                    }
                });
        return List.copyOf(out);
    }

    private static ModuleResult fail(ModuleContext ctx, String msg) {
        return new ModuleResult.Failed("package on " + ctx.host() + ": " + msg, Map.of());
    }
}
