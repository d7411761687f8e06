package io.ringmaster.cli;

import io.ringmaster.error.UserError;
import io.ringmaster.report.ReportMerge;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringmaster report merge A.json B.json... -o OUT.json}: one report from the {@code --json}
 * reports of a run sharded over several controllers (README, "Scale past one controller"). Exit 0
 * when every host is ok, 2 when a host failed, 3 when one was unreachable (as {@code play}), 4 when
 * the reports cannot be merged.
 */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description =
                "Merge the --json reports of one playbook run over disjoint inventory shards into one report.")
public final class ReportMergeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "REPORT.json",
            description = "The shards' reports (ringmaster play --json).")
    List<Path> reports;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT.json",
            description = "Where to write the merged report.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Map<String, Object> merged =
                    ReportMerge.merge(reports.stream().map(ReportMergeCommand::read).toList());
            ReportMerge.write(output, merged);
            Map<String, Long> t = ReportMerge.totals(merged);
            out.println(
                    "merged "
                            + reports.size()
                            + " report"
                            + (reports.size() == 1 ? "" : "s")
                            + " into "
                            + output
                            + ": "
                            + ((Map<?, ?>) merged.get("stats")).size()
                            + " hosts, ok="
                            + t.get("ok")
                            + " changed="
                            + t.get("changed")
                            + " unreachable="
                            + t.get("unreachable")
                            + " failed="
                            + t.get("failed"));
            out.flush();
            if (t.get("unreachable") > 0) {
                return ExitCodes.HOST_UNREACHABLE;
            }
            return t.get("failed") > 0 ? ExitCodes.HOST_FAILED : ExitCodes.OK;
        } catch (UserError e) {
            err.println("ERROR! " + e.getMessage());
            err.flush();
            return ExitCodes.PLAYBOOK_ERROR;
        } catch (ReportMerge.Conflict e) {
            err.println("ERROR! " + new UserError(null, e.getMessage(), e.hint()).getMessage());
            err.flush();
            return ExitCodes.PLAYBOOK_ERROR;
        }
    }

    /**
     * Reads one report file; a file that is not a Ringmaster JSON report is a {@link UserError}
     * naming it.
     */
    static ReportMerge.Shard read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserError(
                    null,
                    "cannot read report " + file + ": " + e.getMessage(),
                    "give the files written by `ringmaster play --json FILE`");
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setAllowDuplicateKeys(false);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            throw new UserError(
                    null,
                    file
                            + ":"
                            + (e.getProblemMark().getLine() + 1)
                            + ":"
                            + (e.getProblemMark().getColumn() + 1)
                            + ": not valid JSON ("
                            + e.getProblem()
                            + ")",
                    "give the files written by `ringmaster play --json FILE`");
        } catch (YAMLException e) {
            throw new UserError(
                    null,
                    file + ": not valid JSON (" + e.getMessage() + ")",
                    "give the files written by `ringmaster play --json FILE`");
        }
        if (!(doc instanceof Map<?, ?> m)
                || !(m.get("plays") instanceof List)
                || !(m.get("stats") instanceof Map)) {
            throw new UserError(
                    null,
                    file + ": not a Ringmaster JSON report (no \"plays\" list and \"stats\" map)",
                    "give the files written by `ringmaster play --json FILE`");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) m;
        return new ReportMerge.Shard(file.toString(), report);
    }
}
