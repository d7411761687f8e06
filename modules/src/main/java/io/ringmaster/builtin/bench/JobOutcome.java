package io.ringmaster.builtin.bench;

import io.ringmaster.builtin.support.Sections;
import java.util.Optional;

/** What one job printed: a measurement, or the tool's failure naming the host and the path. */
sealed interface JobOutcome permits JobOutcome.Measured, JobOutcome.Broken {

    record Measured(Row row) implements JobOutcome {}

    record Broken(String message) implements JobOutcome {}

    static JobOutcome of(String host, BenchSpec spec, Job job, Sections.Section out) {
        String what =
                job.tool().command()
                        + " ("
                        + job.mode().id()
                        + ") failed on "
                        + host
                        + " for "
                        + job.facts().path()
                        + ": ";
        if (out == null) {
            return new Broken(
                    what
                            + "the benchmark script ended before this job (timeout or lost connection)");
        }
        Optional<Measurement> m =
                job.tool() == Tool.FIO
                        ? FioOutput.parse(out.text(), spec.writes())
                        : QemuImgOutput.parse(out.text(), spec.blockSize());
        if (out.ok() && m.isPresent()) {
            return new Measured(new Row(job, m.get()));
        }
        String err =
                job.tool() == Tool.FIO
                        ? FioOutput.error(out.text())
                        : QemuImgOutput.error(out.text());
        return new Broken(what + err + (out.ok() ? "" : " (exit " + out.rc() + ")"));
    }
}
