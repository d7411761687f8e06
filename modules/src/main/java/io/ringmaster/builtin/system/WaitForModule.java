package io.ringmaster.builtin.system;

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
 * Ansible's {@code wait_for}, run on the host as Ansible runs it: waits until a TCP port accepts
 * connections (or stops), or a file exists (optionally containing {@code search_regex}) or is gone.
 * The whole wait is one exec of a POSIX sh loop, so it costs one round trip however long it takes;
 * connections are tried with bash's {@code /dev/tcp} or {@code nc -z}.
 */
public final class WaitForModule implements Module {

    @Override
    public String name() {
        return "wait_for";
    }

    @Override
    public String description() {
        return "Wait on the host for a TCP port or a file (state started, stopped, present, absent; search_regex)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.optional("host", ParamType.STRING, "address to connect to, from the host")
                        .withDefault("127.0.0.1"),
                Param.optional("port", ParamType.INT, "TCP port to wait for"),
                Param.optional("path", ParamType.STRING, "file to wait for"),
                Param.optional(
                                "state",
                                ParamType.STRING,
                                "started or stopped (port), present or absent (path)")
                        .withDefault("started")
                        .withChoices("started", "stopped", "present", "absent"),
                Param.optional(
                        "search_regex",
                        ParamType.STRING,
                        "with path: an extended regular expression the file must contain"),
                Param.optional("timeout", ParamType.INT, "seconds to wait at most")
                        .withDefault(300L),
                Param.optional("delay", ParamType.INT, "seconds to wait before the first check")
                        .withDefault(0L),
                Param.optional("sleep", ParamType.INT, "seconds between checks").withDefault(1L),
                Param.optional(
                                "connect_timeout",
                                ParamType.INT,
                                "seconds for one connection attempt")
                        .withDefault(5L),
                Param.optional(
                        "msg", ParamType.STRING, "message on timeout instead of the default"));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> a) {
        List<String> problems = new ArrayList<>();
        if (a.containsKey("port") && a.containsKey("path")) {
            problems.add("port and path are mutually exclusive");
        }
        if (a.containsKey("search_regex") && !a.containsKey("path")) {
            problems.add(
                    "search_regex is supported with path only (reading a port's banner is not)");
        }
        return problems;
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        long timeout = ctx.args().integer("timeout").orElse(300L);
        long delay = ctx.args().integer("delay").orElse(0L);
        String state = ctx.args().string("state").orElse("started");
        boolean positive = state.equals("started") || state.equals("present");
        if (!ctx.args().has("path") && !ctx.args().has("port")) {
            ExecResult slept =
                    ctx.remote()
                            .exec(
                                    "sleep " + (timeout + delay),
                                    null,
                                    Duration.ofSeconds(timeout + delay + 60));
            return slept.ok()
                    ? new ModuleResult.Ok(
                            "slept " + (timeout + delay) + " s", Map.of("elapsed", timeout + delay))
                    : new ModuleResult.Failed(
                            "wait_for on "
                                    + ctx.host()
                                    + ": sleep failed: "
                                    + slept.stderr().strip(),
                            Map.of());
        }
        String check = check(ctx);
        String script =
                "S=$(date +%s); E=$((S + "
                        + timeout
                        + ")); sleep "
                        + delay
                        + "\n"
                        + "while :; do\n  if "
                        + (positive ? "" : "! ")
                        + "{ "
                        + check
                        + "; }; then echo $(( $(date +%s) - S )); exit 0; fi\n"
                        + "  [ \"$(date +%s)\" -ge \"$E\" ] && { echo $(( $(date +%s) - S )); exit 124; }\n"
                        + "  sleep "
                        + ctx.args().integer("sleep").orElse(1L)
                        + "\ndone";
        ExecResult r = ctx.remote().exec(script, null, Duration.ofSeconds(timeout + delay + 60));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", state);
        ctx.args().string("path").ifPresent(p -> data.put("path", p));
        ctx.args().integer("port").ifPresent(p -> data.put("port", p));
        ctx.args().string("search_regex").ifPresent(p -> data.put("search_regex", p));
        data.put("elapsed", parseLong(r.stdout().strip()));
        if (r.rc() == 124) {
            String what =
                    ctx.args()
                            .string("path")
                            .map(p -> "file " + p)
                            .orElse(
                                    ctx.args().string("host").orElse("127.0.0.1")
                                            + ":"
                                            + ctx.args().integer("port").orElse(0L));
            return new ModuleResult.Failed(
                    ctx.args()
                            .string("msg")
                            .orElse(
                                    "wait_for on "
                                            + ctx.host()
                                            + ": Timeout when waiting for "
                                            + what
                                            + " ("
                                            + state
                                            + ", "
                                            + timeout
                                            + " s)"),
                    data);
        }
        if (!r.ok()) {
            return new ModuleResult.Failed(
                    "wait_for on "
                            + ctx.host()
                            + ": the wait loop failed (rc "
                            + r.rc()
                            + "): "
                            + (r.stderr() + r.stdout()).strip(),
                    data);
        }
        return new ModuleResult.Ok("", data);
    }

    /**
     * A shell test that succeeds when the port accepts a connection, or the file exists (and
     * matches).
     */
    static String check(ModuleContext ctx) {
        if (ctx.args().has("path")) {
            String p = Shell.quote(ctx.args().requireString("path"));
            return ctx.args()
                    .string("search_regex")
                    .map(re -> "[ -f " + p + " ] && grep -E -q -- " + Shell.quote(re) + " " + p)
                    .orElse("[ -e " + p + " ]");
        }
        String host = ctx.args().string("host").orElse("127.0.0.1");
        long port = ctx.args().integer("port").orElse(0L);
        long ct = ctx.args().integer("connect_timeout").orElse(5L);
        String tcp = "/dev/tcp/" + host + "/" + port;
        return "if command -v bash >/dev/null 2>&1; then timeout "
                + ct
                + " bash -c "
                + Shell.quote("exec 3<>" + tcp)
                + " 2>/dev/null; else nc -z -w "
                + ct
                + " "
                + Shell.quote(host)
                + " "
                + port
                + " 2>/dev/null; fi";
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.lines().reduce((a, b) -> b).orElse("0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
