package io.ringmaster.cli;

import io.ringmaster.error.UserError;
import io.ringmaster.report.ReportMerge;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ringmaster report merge A.json B.json... -o OUT.json}: one report from the {@code --json} reports of a run
 * sharded over several controllers (README, "Scale past one controller"). Exit 0 when every host is ok, 2 when a
 * host failed, 3 when one was unreachable (as {@code play}), 4 when the reports cannot be merged.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the --json reports of one playbook run over disjoint inventory shards into one report.")
public final class ReportMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "REPORT.json", description = "The shards' reports (ringmaster play --json).")
    List<Path> reports;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.json", description = "Where to write the merged report.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Map<String, Object> merged = ReportMerge.merge(reports.stream().map(ReportMerge::read).toList());
            ReportMerge.write(output, merged);
            Map<String, Long> t = ReportMerge.totals(merged);
            out.println("merged " + reports.size() + " report" + (reports.size() == 1 ? "" : "s") + " into " + output
                    + ": " + ((Map<?, ?>) merged.get("stats")).size() + " hosts, ok=" + t.get("ok") + " changed="
                    + t.get("changed") + " unreachable=" + t.get("unreachable") + " failed=" + t.get("failed"));
            out.flush();
            if (t.get("unreachable") > 0) {
                return ExitCodes.HOST_UNREACHABLE;
            }
            return t.get("failed") > 0 ? ExitCodes.HOST_FAILED : ExitCodes.OK;
        } catch (UserError e) {
            err.println("ERROR! " + e.getMessage());
            err.flush();
            return ExitCodes.PLAYBOOK_ERROR;
        }
    }
}
