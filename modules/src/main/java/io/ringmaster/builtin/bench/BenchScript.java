package io.ringmaster.builtin.bench;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.module.api.Shell;
import java.time.Duration;
import java.util.List;

/**
 * The apply step: every job of the plan in one remote exec, one section {@code job:N} each.
 * qemu-img runs in chunks so the time cap holds (it prints nothing when killed); fio stops itself
 * at {@code --runtime}.
 */
final class BenchScript {

    private BenchScript() {}

    static Sections of(BenchSpec spec, List<Job> jobs) {
        Sections s = Sections.script();
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            s.section("job:" + i, j.tool() == Tool.FIO ? fio(spec, j) : qemuImg(spec, j));
        }
        return s;
    }

    /** Each job's cap plus room for start-up, for the exec's timeout. */
    static Duration timeout(BenchSpec spec, int jobs) {
        return Duration.ofSeconds(30L + jobs * (spec.seconds() + 20L));
    }

    static String qemuImg(BenchSpec spec, Job j) {
        long ops = spec.ops();
        long chunk = Math.min(ops, Math.max(1000, ops / 10));
        long bs = spec.blockSize();
        long span = j.facts().size() - j.facts().size() % bs;
        boolean raw = j.disk().format().equals("raw");
        String flags =
                (spec.writes() ? "-w" : "-U")
                        + " -f "
                        + Shell.quote(j.disk().format())
                        + " -t none -i "
                        + j.mode().id()
                        + " -c $c -d "
                        + spec.queueDepth()
                        + " -s "
                        + bs
                        + (raw ? " -o $((n * " + bs + " % " + span + "))" : "");
        return "( set -e; n=0; t0=$(date +%s); while [ $n -lt "
                + ops
                + " ]; do c="
                + chunk
                + "; "
                + "if [ $(("
                + ops
                + " - n)) -lt $c ]; then c=$(("
                + ops
                + " - n)); fi; "
                + "qemu-img bench "
                + flags
                + " "
                + Shell.quote(j.facts().path())
                + "; n=$((n + c)); "
                + "if [ $(($(date +%s) - t0)) -ge "
                + spec.seconds()
                + " ]; then break; fi; done )";
    }

    /**
     * fio for one job. psync is synchronous (one request in flight per thread), so for {@code
     * threads} it runs {@code queue_depth} threads, as QEMU's thread pool keeps that many requests
     * in flight.
     */
    static String fio(BenchSpec spec, Job j) {
        int jobs = j.mode() == Mode.THREADS ? spec.queueDepth() : 1;
        String rw = spec.writes() ? "--rw=randwrite" : "--readonly --rw=randread";
        return "fio --name=ringmaster --filename="
                + Shell.quote(j.facts().path().replace(":", "\\:"))
                + " "
                + rw
                + " --direct=1 --bs="
                + spec.blockSize()
                + " --iodepth="
                + spec.queueDepth()
                + " --ioengine="
                + j.mode().fioEngine()
                + " --io_size="
                + spec.ops() / jobs * spec.blockSize()
                + (jobs > 1 ? " --numjobs=" + jobs + " --group_reporting" : "")
                + " --runtime="
                + spec.seconds()
                + " --output-format=json";
    }
}
