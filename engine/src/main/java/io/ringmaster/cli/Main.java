package io.ringmaster.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * {@code ringmaster}: the command line. {@link #run(String...)} returns the exit code, as picocli's
 * execute().
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // UTF-8 on standard output whatever the platform encoding (the play output always was).
        PrintWriter out =
                new PrintWriter(
                        new java.io.OutputStreamWriter(
                                new java.io.FileOutputStream(java.io.FileDescriptor.out),
                                java.nio.charset.StandardCharsets.UTF_8),
                        true);
        int code = run(out, new PrintWriter(System.err, true), args);
        out.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new RootCommand());
        for (Class<?> sub : RootCommand.subcommandsFor(args)) {
            cl.addSubcommand(sub);
        }
        // "-e @vars.yml" names an extra-vars file (ansible-playbook's syntax): picocli must not
        // expand @FILE arguments
        cl.setExpandAtFiles(false);
        CommandLine play = cl.getSubcommands().get("play");
        if (play != null) {
            play.getCommandSpec().usageMessage().exitCodeList(ExitCodes.described());
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(
                (ex, a) -> {
                    err.println("ERROR! " + ex.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
                    err.println(
                            "  hint: see `"
                                    + ex.getCommandLine().getCommandSpec().qualifiedName()
                                    + " --help`");
                    return ExitCodes.BAD_OPTIONS;
                });
        cl.setExecutionExceptionHandler(
                (ex, c, parsed) -> {
                    err.println("ERROR! unexpected failure: " + ex);
                    ex.printStackTrace(err);
                    err.println(
                            "  this is a bug in Ringmaster; please report it with the command line above");
                    return ExitCodes.UNEXPECTED;
                });
        return cl.execute(args);
    }
}
