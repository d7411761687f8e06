package io.ringmaster.builtin.files;

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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible's {@code lineinfile}: makes sure one line is in a file (replacing the last line matching
 * {@code regexp}, or inserting after/before a match) or that matching lines are absent. The file is
 * read in one exec, edited by {@link LineEdit} on the control machine and written back atomically
 * only when it changed.
 */
public final class LineInFileModule implements Module {

    @Override
    public String name() {
        return "lineinfile";
    }

    @Override
    public String description() {
        return "Ensure a line is present in (or absent from) a file, by regexp, search_string or exact match";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.required("path", ParamType.STRING, "the file on the host")
                        .withAliases("dest", "destfile", "name"),
                Param.optional("line", ParamType.STRING, "the line to insert or replace with")
                        .withAliases("value"),
                Param.optional(
                                "regexp",
                                ParamType.STRING,
                                "regular expression for the line to replace or remove")
                        .withAliases("regex"),
                Param.optional(
                        "search_string",
                        ParamType.STRING,
                        "literal text for the line to replace or remove"),
                Param.optional("state", ParamType.STRING, "present or absent")
                        .withDefault("present")
                        .withChoices("present", "absent"),
                Param.optional(
                        "insertafter",
                        ParamType.STRING,
                        "EOF, BOF or a regexp: insert after its last match"),
                Param.optional(
                        "insertbefore",
                        ParamType.STRING,
                        "BOF or a regexp: insert before its last match"),
                Param.optional("create", ParamType.BOOL, "create the file when missing")
                        .withDefault(false),
                Param.optional(
                                "backrefs",
                                ParamType.BOOL,
                                "expand \\1 in line from regexp's match; no match, no change")
                        .withDefault(false),
                Param.optional(
                                "firstmatch",
                                ParamType.BOOL,
                                "use the first match of insertafter/insertbefore/regexp")
                        .withDefault(false),
                Param.optional(
                                "backup",
                                ParamType.BOOL,
                                "keep the previous file as PATH.<timestamp>.bak")
                        .withDefault(false),
                Param.optional("mode", ParamType.MODE, "mode such as '0644' or u=rw,g=r"),
                Param.optional("owner", ParamType.STRING, "owner user name"),
                Param.optional("group", ParamType.STRING, "group name"));
    }

    @Override
    public boolean supportsCheckMode() {
        return true;
    }

    @Override
    public List<String> validate(Map<String, Object> a) {
        List<String> problems = new ArrayList<>();
        boolean absent = "absent".equals(a.get("state"));
        if (!absent && !a.containsKey("line") && !a.containsKey("value")) {
            problems.add("line is required with state=present");
        }
        if (absent
                && !a.containsKey("line")
                && !a.containsKey("value")
                && !a.containsKey("regexp")
                && !a.containsKey("regex")
                && !a.containsKey("search_string")) {
            problems.add("state=absent needs one of line, regexp or search_string");
        }
        if (a.containsKey("insertafter") && a.containsKey("insertbefore")) {
            problems.add("insertafter and insertbefore are mutually exclusive");
        }
        if ((a.containsKey("regexp") || a.containsKey("regex")) && a.containsKey("search_string")) {
            problems.add("regexp and search_string are mutually exclusive");
        }
        if (Boolean.TRUE.equals(a.get("backrefs"))
                && !a.containsKey("regexp")
                && !a.containsKey("regex")) {
            problems.add("backrefs needs regexp");
        }
        return problems;
    }

    @Override
    public ModuleResult run(ModuleContext ctx)
            throws HostUnreachableException, InterruptedException {
        String path = ctx.args().requireString("path");
        LineEdit.Spec spec;
        try {
            spec = spec(ctx);
        } catch (PatternSyntaxException e) {
            return fail(
                    ctx,
                    "bad regular expression: "
                            + e.getDescription()
                            + " in '"
                            + e.getPattern()
                            + "'");
        }
        Attrs attrs = Attrs.of(ctx.args());
        FileProbe.Snapshot snap = FileProbe.read(ctx.remote(), path, true, true, attrs);
        if (snap.ok() && !snap.file().exists()) {
            if (ctx.args().string("state").orElse("present").equals("absent")) {
                return new ModuleResult.Ok("file not present", Map.of("found", 0L));
            }
            if (!ctx.args().bool("create")) {
                return new ModuleResult.Failed(
                        "lineinfile on "
                                + ctx.host()
                                + ": Destination "
                                + path
                                + " does not exist ! (give create: true to create it)",
                        Map.of("rc", 257L));
            }
        }
        String text = new String(snap.file().content(), StandardCharsets.UTF_8);
        boolean absent = ctx.args().string("state").orElse("present").equals("absent");
        LineEdit.Outcome out =
                absent
                        ? LineEdit.absent(LineEdit.lines(text), spec)
                        : LineEdit.present(LineEdit.lines(text), spec);
        byte[] after =
                out.changed()
                        ? String.join("", out.lines()).getBytes(StandardCharsets.UTF_8)
                        : snap.file().content();
        ModuleResult r =
                ContentWrite.write(
                        ctx,
                        new ContentWrite.Request(
                                "lineinfile", path, after, attrs, ctx.args().bool("backup"), snap));
        return withMsg(r, out, absent);
    }

    private static LineEdit.Spec spec(ModuleContext ctx) {
        String line = ctx.args().string("line").orElse(null);
        Pattern re = ctx.args().string("regexp").map(Pattern::compile).orElse(null);
        return new LineEdit.Spec(
                line,
                re,
                ctx.args().string("search_string").orElse(null),
                ctx.args().string("insertafter").orElse(null),
                ctx.args().string("insertbefore").orElse(null),
                ctx.args().bool("backrefs"),
                ctx.args().bool("firstmatch"));
    }

    private static ModuleResult withMsg(ModuleResult r, LineEdit.Outcome out, boolean absent) {
        Map<String, Object> data = new java.util.LinkedHashMap<>(r.data());
        if (absent) {
            data.put("found", (long) out.found());
        }
        data.remove("checksum");
        data.remove("size");
        if (r instanceof ModuleResult.Changed c) {
            String msg = out.changed() ? out.msg() : "ownership, perms or SE linux context changed";
            return new ModuleResult.Changed(msg, data, c.diff());
        }
        if (r instanceof ModuleResult.Ok ok) {
            return new ModuleResult.Ok(out.msg(), data);
        }
        return r;
    }

    private static ModuleResult fail(ModuleContext ctx, String msg) {
        return new ModuleResult.Failed("lineinfile on " + ctx.host() + ": " + msg, Map.of());
    }
}
