package io.ringmaster.builtin.command;

import io.ringmaster.module.api.Param;
import io.ringmaster.module.api.ParamType;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters command and shell share: the guards, the working directory, stdin and output
 * trimming.
 */
final class CommandParams {
    private CommandParams() {}

    static final List<Param> COMMON =
            List.of(
                    Param.optional(
                            "chdir", ParamType.STRING, "Change into this directory before running"),
                    Param.optional(
                            "creates",
                            ParamType.STRING,
                            "Do not run when this path (or glob) exists"),
                    Param.optional(
                            "removes",
                            ParamType.STRING,
                            "Run only when this path (or glob) exists"),
                    Param.optional(
                            "stdin", ParamType.STRING, "Text sent to the command's standard input"),
                    Param.optional("stdin_add_newline", ParamType.BOOL, "Append a newline to stdin")
                            .withDefault(true),
                    Param.optional(
                                    "strip_empty_ends",
                                    ParamType.BOOL,
                                    "Drop trailing newlines from stdout and stderr")
                            .withDefault(true));

    /** A module's own parameters followed by the common ones. */
    static List<Param> with(Param... own) {
        List<Param> all = new ArrayList<>(List.of(own));
        all.addAll(COMMON);
        return List.copyOf(all);
    }
}
