package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.virt.CorpusRun.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a corpus problem into the causes it names, for the "top causes" table: each mismatch of a
 * "did not keep" list or of a change list becomes one cause, with the definition's name and every
 * number masked so that the same cause on different definitions counts together.
 */
final class CorpusCauses {
    private CorpusCauses() {}

    /** The causes a problem names, each as "kind: mismatch" with names and numbers masked. */
    static List<String> of(Problem p) {
        String head = p.kind().name().toLowerCase().replace('_', ' ') + ": ";
        List<String> out = new ArrayList<>();
        for (String item : items(p.message())) {
            String c =
                    item.replaceAll("rmc-[0-9]+-[a-z0-9-]+", "NAME")
                            .replaceAll("/tmp/[^ ]+", "/tmp/FILE")
                            .replaceAll("[0-9]+", "#")
                            .strip();
            out.add(head + (c.length() > 150 ? c.substring(0, 150) + "..." : c));
        }
        return out;
    }

    /**
     * The problem in one line, its repeated mismatches counted once ("x (x14)"), at most 400
     * characters.
     */
    static String compact(Problem p) {
        Map<String, Integer> n = new LinkedHashMap<>();
        items(p.message()).forEach(i -> n.merge(i.strip(), 1, Integer::sum));
        String text =
                n.entrySet().stream()
                        .map(e -> e.getKey() + (e.getValue() > 1 ? " (x" + e.getValue() + ")" : ""))
                        .collect(Collectors.joining(", "));
        String line =
                p.definition()
                        + " "
                        + p.step()
                        + ": "
                        + p.kind().name().toLowerCase().replace('_', ' ')
                        + ": "
                        + text;
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }

    /** The top causes: for each, how many definitions show it and in which steps. */
    static String table(List<Problem> problems, int limit) {
        Map<String, Set<String>> defs = new LinkedHashMap<>();
        Map<String, Set<String>> steps = new LinkedHashMap<>();
        for (Problem p : problems) {
            for (String c : of(p)) {
                defs.computeIfAbsent(c, k -> new TreeSet<>()).add(p.definition());
                steps.computeIfAbsent(c, k -> new LinkedHashSet<>())
                        .add(
                                p.step()
                                        .replace(" (re-run)", "")
                                        .replaceFirst("^remove .*", "remove"));
            }
        }
        return defs.entrySet().stream()
                .sorted((a, b) -> b.getValue().size() - a.getValue().size())
                .limit(limit)
                .map(
                        e ->
                                String.format(
                                        "%4d definitions  %s  [%s]",
                                        e.getValue().size(),
                                        e.getKey(),
                                        String.join(", ", steps.get(e.getKey()))))
                .collect(Collectors.joining("\n"));
    }

    private static List<String> items(String msg) {
        int keep = msg.indexOf("did not keep ");
        if (keep >= 0) {
            int end = msg.indexOf(" when defining", keep);
            String list =
                    msg.substring(keep + "did not keep ".length(), end < 0 ? msg.length() : end);
            return List.of(list.split(", (?=[<a-z@])"));
        }
        List<String> out = new ArrayList<>();
        for (String part : msg.split("; ")) {
            if (part.startsWith("definition: ") || part.startsWith("would: definition: ")) {
                out.add(part.substring(part.indexOf("definition: ")));
            }
        }
        return out.isEmpty() ? List.of(msg.replaceFirst("^virt_domain on [^:]+: ", "")) : out;
    }
}
