package io.ringmaster.cli;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import io.ringmaster.parse.YamlReader;
import io.ringmaster.report.StorageReport;
import io.ringmaster.report.StorageRun;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringmaster report storage RUN.json [BEFORE.json] -o DIR}: storage_bench results as HTML,
 * Markdown, JSON.
 */
@Command(
        name = "storage",
        mixinStandardHelpOptions = true,
        description =
                "Turn the storage_bench results of a run's --json (or a before/after pair) into DIR/index.html "
                        + "(tables, SVG charts), DIR/report.md and DIR/report.json.")
public final class ReportStorageCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "RUN.json",
            description = "The --json of a run with storage_bench tasks.")
    Path run;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "BEFORE.json",
            description = "The --json of an earlier run (the baseline) to compare with.")
    Path before;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "DIR",
            description = "Directory for the report.")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            StorageRun now = load(run);
            Optional<StorageRun> old =
                    before == null ? Optional.empty() : Optional.of(load(before));
            StorageReport report = StorageReport.of(now, old);
            List<Path> files = report.write(dir);
            out.println(
                    "storage report: "
                            + report.hosts().size()
                            + " hosts, "
                            + report.disks().size()
                            + " disk measurements, "
                            + report.flags().size()
                            + " flag"
                            + (report.flags().size() == 1 ? "" : "s"));
            report.flags().forEach(f -> out.println("  FLAG " + f.kind() + ": " + f.message()));
            files.forEach(f -> out.println("  wrote " + f));
            out.flush();
            return ExitCodes.OK;
        } catch (UserError e) {
            spec.commandLine().getErr().println("ERROR! " + e.getMessage());
            return ExitCodes.BAD_OPTIONS;
        } catch (UncheckedIOException e) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "ERROR! "
                                    + e.getMessage()
                                    + "\n  hint: give -o a directory you can write to");
            return ExitCodes.BAD_OPTIONS;
        }
    }

    @SuppressWarnings("unchecked")
    private static StorageRun load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(
                    Position.of(file),
                    "no such file",
                    "give the file written by `ringmaster play ... --json FILE`");
        }
        Object doc = YamlReader.toPlain(YamlReader.read(file));
        if (!(doc instanceof Map<?, ?> m) || !(m.get("plays") instanceof List<?>)) {
            throw new UserError(
                    Position.of(file),
                    "not a Ringmaster --json report (no \"plays\" list)",
                    "give the file written by `ringmaster play ... --json FILE`");
        }
        StorageRun r = StorageRun.from(file.getFileName().toString(), (Map<String, Object>) m);
        if (r.entries().isEmpty()) {
            throw new UserError(
                    Position.of(file),
                    "the run has no storage_bench results",
                    "run a playbook with storage_bench tasks, e.g. playbooks/prove.yml, with --json FILE");
        }
        return r;
    }
}
