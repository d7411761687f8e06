package io.ringmaster.builtin.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses fio's {@code --output-format=json} (JSON is YAML, read with SnakeYAML's safe loader).
 * Notes fio prints before the document ("note: both iodepth >= 1 and synchronous I/O engine ...")
 * are skipped.
 */
final class FioOutput {

    private FioOutput() {}

    /** The first job's read (or write) figures; an error message when fio reported none. */
    static Optional<Measurement> parse(String text, boolean write) {
        int open = text.indexOf("\n{");
        String json = text.startsWith("{") ? text : open < 0 ? "" : text.substring(open + 1);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
        } catch (YAMLException e) {
            return Optional.empty();
        }
        if (!(doc instanceof Map<?, ?> root)
                || !(root.get("jobs") instanceof List<?> jobs)
                || jobs.isEmpty()
                || !(jobs.get(0) instanceof Map<?, ?> job)
                || number(job.get("error")) != 0
                || !(job.get(write ? "write" : "read") instanceof Map<?, ?> io)) {
            return Optional.empty();
        }
        long ops = (long) number(io.get("total_ios"));
        if (ops == 0) {
            return Optional.empty();
        }
        return Optional.of(
                new Measurement(
                        number(io.get("iops")),
                        number(io.get("bw_bytes")) / 1048576.0,
                        number(io.get("runtime")) / 1000.0,
                        ops,
                        latency(io.get("clat_ns"))));
    }

    private static Optional<Measurement.Latency> latency(Object clat) {
        if (!(clat instanceof Map<?, ?> c) || !(c.get("percentile") instanceof Map<?, ?> p)) {
            return Optional.empty();
        }
        return Optional.of(
                new Measurement.Latency(
                        number(p.get("50.000000")) / 1000.0,
                        number(p.get("99.000000")) / 1000.0,
                        number(p.get("99.900000")) / 1000.0));
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return o == null ? 0 : Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** What fio said before its JSON document (its notes and errors), joined into one line. */
    static String error(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("{")) {
                break;
            }
            if (!l.isEmpty() && !l.startsWith("note:")) {
                out.append(out.length() == 0 ? "" : "; ").append(l);
            }
        }
        String s = out.length() == 0 ? "no error message (see its JSON output)" : out.toString();
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
