package io.ringmaster.builtin.command;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Remote;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One run of {@code command} or {@code shell}: the {@code chdir}, {@code creates} and {@code
 * removes} guards and the payload go to the host as a single script, so the whole task is one round
 * trip. When a guard decides, the script prints only a line made of a random marker and exits, so
 * the module can tell that apart from anything the command itself could print; the command's own
 * output is never touched.
 *
 * @param host the inventory name, for messages
 * @param payload the shell text that runs the command (already quoted as it must be)
 * @param cmd what the result reports as {@code cmd} (the argv list or the shell string)
 * @param chdir directory to run in, if any
 * @param creates skip when this path (or glob) exists, if any
 * @param removes skip unless this path (or glob) exists, if any
 * @param stdin text sent to the command's standard input, or null
 * @param stripEmptyEnds whether to drop trailing newlines from stdout and stderr, as Ansible does
 *     by default
 */
record GuardedRun(
        String host,
        String payload,
        Object cmd,
        Optional<String> chdir,
        Optional<String> creates,
        Optional<String> removes,
        String stdin,
        boolean stripEmptyEnds) {

    /**
     * Ansible's command has no time limit; a task-level timeout is the engine's. This only bounds a
     * hung host.
     */
    static final Duration NO_LIMIT = Duration.ofDays(1);

    /** Runs the script on {@code remote} and turns its outcome into Ansible's result shape. */
    ModuleResult run(Remote remote) throws HostUnreachableException, InterruptedException {
        String marker = "ringmaster-guard-" + UUID.randomUUID();
        String script = script(marker);
        byte[] input = stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8);
        LocalDateTime start = LocalDateTime.now();
        long t0 = System.nanoTime();
        ExecResult r = remote.exec(script, input, remote.taskTimeout().orElse(NO_LIMIT));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        LocalDateTime end = start.plus(took);
        String out = r.stdout() == null ? "" : r.stdout();
        String err = r.stderr() == null ? "" : r.stderr();
        if (r.rc() == 0 && out.equals(marker + ":skip\n")) {
            boolean created = creates.isPresent();
            String path = created ? creates.get() : removes.get();
            String why = created ? path + " exists" : path + " does not exist";
            Map<String, Object> data = data(0, "skipped, since " + why, "", start, end, took);
            return new ModuleResult.Ok(
                    "Did not run command since '"
                            + path
                            + "' "
                            + (created ? "exists" : "does not exist"),
                    data);
        }
        if (out.equals(marker + ":chdir\n")) {
            Map<String, Object> data = data(r.rc(), "", strip(err), start, end, took);
            return new ModuleResult.Failed(
                    "Unable to change directory before execution on "
                            + host
                            + ": "
                            + chdir.orElse("")
                            + " ("
                            + strip(err).strip()
                            + "); check that the directory exists and the"
                            + " remote user may enter it",
                    data);
        }
        Map<String, Object> data = data(r.rc(), strip(out), strip(err), start, end, took);
        if (r.timedOut()) {
            data.put("timed_out", true);
            return new ModuleResult.Failed("command on " + host + " " + r.timeoutMessage(), data);
        }
        if (r.signal() != null) {
            return new ModuleResult.Failed(
                    "non-zero return code (killed by signal " + r.signal() + ")", data);
        }
        if (r.rc() != 0) {
            return new ModuleResult.Failed("non-zero return code", data);
        }
        return new ModuleResult.Changed("", data, null);
    }

    /** Runs the command, or under check mode predicts whether it would run. */
    ModuleResult runOrPredict(Remote remote, boolean checkMode)
            throws HostUnreachableException, InterruptedException {
        return checkMode ? predict(remote) : run(remote);
    }

    /**
     * Check mode, as Ansible's command and shell: without creates/removes nothing can be predicted,
     * so the command is skipped; with them, only the guards run (never the command) and tell
     * whether it would run.
     */
    ModuleResult predict(Remote remote) throws HostUnreachableException, InterruptedException {
        if (creates.isEmpty() && removes.isEmpty()) {
            return new ModuleResult.Skipped(
                    "check mode: the command would run, but what it changes cannot be "
                            + "predicted, so it did not run (creates/removes let check mode decide)");
        }
        String marker = "ringmaster-guard-" + UUID.randomUUID();
        GuardedRun probe =
                new GuardedRun(
                        host,
                        "printf '%s\\n' '" + marker + ":run'",
                        cmd,
                        chdir,
                        creates,
                        removes,
                        null,
                        stripEmptyEnds);
        ModuleResult r = probe.run(remote);
        if (r instanceof ModuleResult.Changed c
                && String.valueOf(c.data().get("stdout")).equals(marker + ":run")) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("cmd", cmd);
            return new ModuleResult.Changed("check mode: the command would run", data, null);
        }
        return r;
    }

    /**
     * The script sent to the host's {@code /bin/sh -c}; just the payload when there are no guards.
     */
    String script(String marker) {
        List<String> parts = new ArrayList<>();
        chdir.ifPresent(
                d ->
                        parts.add(
                                "cd "
                                        + RemotePaths.path(d)
                                        + " || { printf '%s\\n' '"
                                        + marker
                                        + ":chdir'; exit 1; }"));
        creates.ifPresent(
                p ->
                        parts.add(
                                "if "
                                        + RemotePaths.existsTest(p)
                                        + "; then printf '%s\\n' '"
                                        + marker
                                        + ":skip'; exit 0; fi"));
        removes.ifPresent(
                p ->
                        parts.add(
                                "if ! "
                                        + RemotePaths.existsTest(p)
                                        + "; then printf '%s\\n' '"
                                        + marker
                                        + ":skip'; exit 0; fi"));
        parts.add(payload);
        return String.join("; ", parts);
    }

    private Map<String, Object> data(
            int rc, String out, String err, LocalDateTime start, LocalDateTime end, Duration took) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cmd", cmd);
        data.put("rc", rc);
        data.put("stdout", out);
        data.put("stderr", err);
        data.put("stdout_lines", lines(out));
        data.put("stderr_lines", lines(err));
        data.put("start", PythonTime.timestamp(start));
        data.put("end", PythonTime.timestamp(end));
        data.put("delta", PythonTime.delta(took));
        return data;
    }

    private String strip(String s) {
        if (!stripEmptyEnds) {
            return s;
        }
        int n = s.length();
        while (n > 0 && (s.charAt(n - 1) == '\n' || s.charAt(n - 1) == '\r')) {
            n--;
        }
        return s.substring(0, n);
    }

    /** Python's {@code str.splitlines()}: a final line break does not start another line. */
    static List<String> lines(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(s.split("\r\n|\n|\r", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return List.copyOf(lines);
    }
}
