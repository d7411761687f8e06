package io.ringmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** The top command; the work is in its subcommands. */
@Command(
        name = "ringmaster",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Declarative, agentless provisioning: Ansible-shaped playbooks over SSH, built for tuning "
                        + "KVM hosts.")
public final class RootCommand implements Runnable {
    /**
     * The subcommands, in the order {@code --help} lists them. {@link Main} adds only the one named
     * first on the command line when there is one (picocli building the model of all of them is
     * ~0.1 s of every run's start-up), else all of them (help, usage, suggestions for a typo).
     */
    static final List<Class<?>> SUBCOMMANDS =
            List.of(
                    PlayCommand.class,
                    InventoryCommand.class,
                    ModulesCommand.class,
                    ReportCommand.class,
                    ConvertCommand.class,
                    picocli.CommandLine.HelpCommand.class);

    /** The subcommands a command line needs: the one it names first, or all. */
    static List<Class<?>> subcommandsFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> c : SUBCOMMANDS) {
                Command command = c.getAnnotation(Command.class);
                if (command.name().equals(args[0]) && c != picocli.CommandLine.HelpCommand.class) {
                    return List.of(c);
                }
            }
        }
        return SUBCOMMANDS;
    }

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
