package io.ringmaster.builtin.system;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code service}, for systemd: {@code state} started, stopped, restarted or reloaded and
 * {@code enabled}, read in one exec ({@code systemctl show} and {@code is-enabled}) and changed
 * only when they differ. A host without systemd fails with a message saying so: there is no SysV or
 * OpenRC fallback.
 */
public final class ServiceModule implements Module {

    @Override
    public String name() {
        return "service";
    }

    @Override
    public String description() {
        return "Start, stop, restart, reload and enable a systemd service (hosts without systemd fail clearly)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required(
                        "name",
                        ParamType.STRING,
                        "the unit, e.g. libvirtd (.service may be left out)"),
                Param.optional("state", ParamType.STRING, "started, stopped, restarted or reloaded")
                        .withChoices("started", "stopped", "restarted", "reloaded"),
                Param.optional("enabled", ParamType.BOOL, "start at boot"),
                Param.optional("daemon_reload", ParamType.BOOL, "run systemctl daemon-reload first")
                        .withDefault(false));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> a) {
        return a.containsKey("state") || a.containsKey("enabled")
                ? List.of()
                : List.of("service needs state or enabled (or both)");
    }

    /** What systemd said about the unit. */
    record Unit(String load, String active, boolean enabled, String enabledText) {}

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String name = ctx.args().requireString("name");
        Sections s = Sections.script().raw("N=" + Shell.quote(name));
        s.section("systemd", "[ -d /run/systemd/system ] && command -v systemctl >/dev/null");
        s.section("show", "systemctl show \"$N\" --property=LoadState,ActiveState --no-pager");
        s.section("enabled", "systemctl is-enabled \"$N\"");
        ExecResult r = ctx.remote().exec(s.command(), null, Duration.ofSeconds(60));
        Map<String, Section> sec = s.parse(r.stdout());
        if (sec.get("systemd") == null || !sec.get("systemd").ok()) {
            return fail(
                    ctx,
                    "the host does not run systemd (no /run/systemd/system or no systemctl): Ringmaster's"
                            + " service manages systemd units only, with no SysV/OpenRC fallback; start the daemon another"
                            + " way (command) on such hosts, or skip the task there (when: $ansible_service_mgr == 'systemd')");
        }
        Unit unit = parse(sec);
        if (unit.load().equals("not-found")) {
            return fail(
                    ctx,
                    "could not find the requested service "
                            + name
                            + " (systemd LoadState=not-found);"
                            + " check the unit name with systemctl list-unit-files");
        }
        List<String> cmds = plan(ctx, unit);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        ctx.args().string("state").ifPresent(st -> data.put("state", st));
        data.put(
                "enabled", ctx.args().has("enabled") ? ctx.args().bool("enabled") : unit.enabled());
        data.put(
                "status",
                Map.of(
                        "LoadState",
                        unit.load(),
                        "ActiveState",
                        unit.active(),
                        "UnitFileState",
                        unit.enabledText()));
        if (cmds.isEmpty()) {
            return new ModuleResult.Ok(name + " is " + unit.active(), data);
        }
        if (ctx.checkMode()) {
            return new ModuleResult.Changed("would run: " + String.join("; ", cmds), data, null);
        }
        if (ctx.args().bool("daemon_reload")) {
            cmds.add(0, "systemctl daemon-reload");
        }
        ExecResult done = ctx.remote().exec("set -e\n" + String.join("\n", cmds));
        if (!done.ok()) {
            return fail(
                    ctx,
                    String.join("; ", cmds)
                            + " failed: "
                            + (done.stderr() + done.stdout()).strip()
                            + "; see journalctl -u "
                            + name);
        }
        return new ModuleResult.Changed("ran: " + String.join("; ", cmds), data, null);
    }

    static Unit parse(Map<String, Section> sec) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String line : Sections.okText(sec, "show").orElse("").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                props.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        Section en = sec.get("enabled");
        String text = en == null ? "" : en.text().strip();
        return new Unit(
                props.getOrDefault("LoadState", ""),
                props.getOrDefault("ActiveState", ""),
                en != null && en.ok(),
                text);
    }

    static List<String> plan(ModuleContext ctx, Unit unit) {
        String n = Shell.quote(ctx.args().requireString("name"));
        List<String> cmds = new ArrayList<>();
        boolean active =
                unit.active().equals("active")
                        || unit.active().equals("activating")
                        || unit.active().equals("reloading");
        if (ctx.args().has("enabled") && ctx.args().bool("enabled") != unit.enabled()) {
            cmds.add("systemctl " + (ctx.args().bool("enabled") ? "enable " : "disable ") + n);
        }
        switch (ctx.args().string("state").orElse("")) {
            case "started" -> {
                if (!active) {
                    cmds.add("systemctl start " + n);
                }
            }
            case "stopped" -> {
                if (active) {
                    cmds.add("systemctl stop " + n);
                }
            }
            case "restarted" -> cmds.add("systemctl restart " + n);
            case "reloaded" -> cmds.add("systemctl " + (active ? "reload " : "start ") + n);
            default -> {}
        }
        return cmds;
    }

    private static ModuleResult fail(ModuleContext ctx, String msg) {
        return new ModuleResult.Failed("service on " + ctx.host() + ": " + msg, Map.of());
    }
}
