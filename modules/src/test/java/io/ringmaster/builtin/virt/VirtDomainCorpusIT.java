package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ringmaster.builtin.fixtures.LocalRemote;
import io.ringmaster.builtin.virt.CorpusRun.Kind;
import io.ringmaster.builtin.virt.CorpusRun.Outcome;
import io.ringmaster.builtin.virt.CorpusRun.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7's corpus test: every real-world definition of {@code src/test/resources/virt/corpus}
 * adopted, converged, mutated and with one element removed through virt_domain on the REAL local
 * libvirtd (see {@link CorpusRun}). Domains and files are named {@code rmc-*} and removed
 * afterwards; no domain is started. {@code -Dcorpus.filter=rmc-01} runs the definitions whose file
 * name contains that text; {@code -Dcorpus.threads=N} sets the parallelism (default 4).
 */
class VirtDomainCorpusIT {
    private static final int SHOWN = 20;
    private static final Path REPORT = Path.of("target/virt-corpus-report.txt");

    @BeforeAll
    static void libvirt() throws Exception {
        LocalRemote r = new LocalRemote();
        if (!r.exec("virsh -c " + CorpusRun.URI + " version").ok()) {
            r.exec("(virtlogd -d; libvirtd -d) >/dev/null 2>&1; sleep 2");
        }
        assumeThat(r.exec("virsh -c " + CorpusRun.URI + " version").ok())
                .as("libvirtd reachable")
                .isTrue();
        removeLeftovers();
    }

    @AfterAll
    static void removeLeftovers() throws Exception {
        new LocalRemote()
                .exec(
                        "for d in $(virsh -c "
                                + CorpusRun.URI
                                + " list --all --name | grep '^rmc-[0-9]'); do"
                                + " virsh -c "
                                + CorpusRun.URI
                                + " undefine --domain \"$d\" >/dev/null 2>&1; done;"
                                + " rm -rf "
                                + CorpusDefinition.IMAGES
                                + "; rm -f /var/lib/ringmaster/backups/rmc-*; true");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void everyDefinitionIsAdoptedConvergedMutatedAndItsRemovalsSeen() throws Exception {
        List<CorpusDefinition> defs =
                CorpusDefinition.load(System.getProperty("corpus.filter", ""));
        assertThat(defs).as("corpus definitions matching corpus.filter").isNotEmpty();
        long t0 = System.nanoTime();
        List<Outcome> outcomes = runAll(defs, Integer.getInteger("corpus.threads", 4));
        long secs = (System.nanoTime() - t0) / 1_000_000_000L;
        List<Problem> problems = outcomes.stream().flatMap(o -> o.problems().stream()).toList();
        String summary = summary(outcomes, problems) + " (" + secs + " s)";
        System.err.println(summary);
        long failing = outcomes.stream().filter(o -> !o.problems().isEmpty()).count();
        String report =
                summary
                        + "\n"
                        + failing
                        + " definitions have problems; the first problem of the first "
                        + SHOWN
                        + ":\n"
                        + firstProblems(outcomes)
                        + "\ntop causes (definitions showing each, and in which steps):\n"
                        + CorpusCauses.table(problems, 25)
                        + "\n";
        System.err.println(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(
                REPORT,
                report
                        + "\nevery problem:\n"
                        + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"))
                        + "\n");
        System.err.println("every problem, in full: " + REPORT.toAbsolutePath());
        assertThat(problems.size())
                .as(report + "every problem, in full: " + REPORT.toAbsolutePath())
                .isZero();
    }

    private static List<Outcome> runAll(List<CorpusDefinition> defs, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < defs.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> new CorpusRun(defs.get(index)).run(index)));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One line: definitions, per step how many held of those that have it, and the problem counts.
     */
    static String summary(List<Outcome> outcomes, List<Problem> problems) {
        StringBuilder sb = new StringBuilder("corpus: " + outcomes.size() + " definitions");
        for (String step : CorpusRun.STEPS) {
            long has = outcomes.stream().filter(o -> o.steps().get(step) != null).count();
            long ok =
                    outcomes.stream().filter(o -> Boolean.TRUE.equals(o.steps().get(step))).count();
            sb.append(", ")
                    .append(step.equals("remove") ? "removal seen" : step + " ok")
                    .append(' ')
                    .append(ok)
                    .append('/')
                    .append(has);
        }
        sb.append(" [").append(removals(outcomes)).append("]");
        Map<Kind, Long> byKind =
                problems.stream()
                        .collect(Collectors.groupingBy(Problem::kind, Collectors.counting()));
        for (Kind k : Kind.values()) {
            sb.append(", ")
                    .append(k.name().toLowerCase().replace('_', ' '))
                    .append(' ')
                    .append(byKind.getOrDefault(k, 0L));
        }
        return sb.toString();
    }

    private static String removals(List<Outcome> outcomes) {
        Map<String, long[]> by = new LinkedHashMap<>();
        CorpusEdits.REMOVALS.forEach(k -> by.put(k, new long[2]));
        for (Outcome o : outcomes) {
            if (!o.removal().isEmpty()) {
                by.get(o.removal())[0] += Boolean.TRUE.equals(o.steps().get("remove")) ? 1 : 0;
                by.get(o.removal())[1]++;
            }
        }
        return by.entrySet().stream()
                .filter(e -> e.getValue()[1] > 0)
                .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1])
                .collect(Collectors.joining(", "));
    }

    /** The first problem of each of the first {@link #SHOWN} definitions that have one. */
    static String firstProblems(List<Outcome> outcomes) {
        return outcomes.stream()
                .filter(o -> !o.problems().isEmpty())
                .limit(SHOWN)
                .map(
                        o ->
                                CorpusCauses.compact(o.problems().get(0))
                                        + (o.problems().size() > 1
                                                ? " [+" + (o.problems().size() - 1) + " more]"
                                                : ""))
                .collect(Collectors.joining("\n"));
    }
}
