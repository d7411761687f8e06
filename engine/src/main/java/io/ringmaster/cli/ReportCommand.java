package io.ringmaster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ringmaster report KIND ...}: turns run results into reports; the work is in its
 * subcommands.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Build and merge reports from the --json results of runs.",
        subcommands = {ReportStorageCommand.class, ReportMergeCommand.class})
public final class ReportCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
