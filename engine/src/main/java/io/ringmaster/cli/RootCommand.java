package io.ringmaster.cli;

import picocli.CommandLine.Command;

/** The top command; the work is in its subcommands. */
@Command(
        name = "ringmaster",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Declarative, agentless provisioning: Ansible-shaped playbooks over SSH, built for tuning "
                        + "KVM hosts.",
        subcommands = {
            PlayCommand.class,
            InventoryCommand.class,
            ModulesCommand.class,
            ReportCommand.class,
            ConvertCommand.class,
            picocli.CommandLine.HelpCommand.class
        })
public final class RootCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
