package io.ringmaster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ringmaster report ...}: commands over the reports a run wrote; the work is in the subcommands. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Work with the reports that `ringmaster play` writes.",
        subcommands = {ReportMergeCommand.class})
public final class ReportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
