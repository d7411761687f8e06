package io.ringmaster.builtin.bench;

import io.ringmaster.module.api.ExecResult;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake hypervisor answering storage_bench's three scripts: the first (tools, io_uring, domain)
 * and the second (path facts) from given text, the bench script from the outputs captured on the
 * build machine.
 */
final class CapturedHost implements Function<String, ExecResult> {
    private static final Pattern MARKER = Pattern.compile("@@RM-[0-9a-f]+@@");
    private static final Pattern BEGIN = Pattern.compile("BEGIN (\\S+)'");

    private final String first;
    private final String facts;

    /**
     * {@code first} and {@code facts} are "name\ntext" blocks separated by "---", each ending with
     * its rc line.
     */
    CapturedHost(String first, String facts) {
        this.first = first;
        this.facts = facts;
    }

    @Override
    public ExecResult apply(String command) {
        Matcher m = MARKER.matcher(command);
        String marker = m.find() ? m.group() : "";
        if (command.contains("rm_facts()")) {
            return ok(sections(marker, facts));
        }
        if (command.contains("command -v")) {
            return ok(sections(marker, first));
        }
        StringBuilder out = new StringBuilder();
        String[] lines = command.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher b = BEGIN.matcher(lines[i]);
            if (b.find()) {
                out.append(marker)
                        .append(" BEGIN ")
                        .append(b.group(1))
                        .append('\n')
                        .append(capture(lines[i + 1]))
                        .append(marker)
                        .append(" END ")
                        .append(b.group(1))
                        .append(" 0\n");
            }
        }
        return ok(out.toString());
    }

    private static String capture(String command) {
        for (Mode mode : Mode.values()) {
            if (command.contains("--ioengine=" + mode.fioEngine() + " ")) {
                return Captures.read("fio-" + mode.fioEngine() + ".json");
            }
            if (command.contains(" -i " + mode.id() + " ")) {
                return Captures.read("qemu-img-bench-" + mode.id() + ".txt");
            }
        }
        throw new IllegalArgumentException("no capture for " + command);
    }

    /** "name rc\ntext" blocks separated by lines "---" become sections. */
    private static String sections(String marker, String spec) {
        StringBuilder out = new StringBuilder();
        for (String block : spec.split("\n---\n")) {
            int nl = block.indexOf('\n');
            String[] head = (nl < 0 ? block : block.substring(0, nl)).split(" ");
            String text = nl < 0 ? "" : block.substring(nl + 1);
            out.append(marker)
                    .append(" BEGIN ")
                    .append(head[0])
                    .append('\n')
                    .append(text)
                    .append(text.endsWith("\n") || text.isEmpty() ? "" : "\n")
                    .append(marker)
                    .append(" END ")
                    .append(head[0])
                    .append(' ')
                    .append(head[1])
                    .append('\n');
        }
        return out.toString();
    }

    private static ExecResult ok(String stdout) {
        return new ExecResult(0, stdout, "", null);
    }
}
