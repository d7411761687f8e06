package io.ringmaster.modules.virt;

import io.ringmaster.modules.virt.CorpusRun.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a corpus problem into the causes it names, for the "top causes" table: each mismatch of a "did not keep"
 * list or of a change list becomes one cause, with the definition's name and every number masked so that the same
 * cause on different definitions counts together.
 */
final class CorpusCauses {
    private CorpusCauses() {
    }

    static List<String> of(Problem p) {
        String step = p.step().replace(" (re-run)", "");
        String head = p.kind().name().toLowerCase().replace('_', ' ') + " [" + step + "] ";
        List<String> out = new ArrayList<>();
        for (String item : items(p.message())) {
            String c = item.replaceAll("rmc-[0-9]+-[a-z0-9-]+", "NAME").replaceAll("[0-9]+", "#").strip();
            out.add(head + (c.length() > 150 ? c.substring(0, 150) + "..." : c));
        }
        return out;
    }

    private static List<String> items(String msg) {
        int keep = msg.indexOf("did not keep ");
        if (keep >= 0) {
            int end = msg.indexOf(" when defining", keep);
            String list = msg.substring(keep + "did not keep ".length(), end < 0 ? msg.length() : end);
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
