package io.ringmaster.report;

import java.util.List;

/** {@code report.md}: the flags, links to the chart files and one table per host. */
final class StorageMarkdown {
    private StorageMarkdown() {}

    static String text(StorageReport r) {
        StringBuilder s = new StringBuilder("# Storage per aio mode\n\n");
        s.append("Run `")
                .append(r.run().name())
                .append('`')
                .append(r.before().map(b -> ", before `" + b.name() + "`").orElse(""))
                .append(": ")
                .append(r.hosts().size())
                .append(" hosts, ")
                .append(r.disks().size())
                .append(
                        " disk measurements. Differences under 5 % count as noise; sparse images (mostly holes) are listed but ")
                .append("left out of the charts and flags.\n\n## Flags\n\n");
        if (r.flags().isEmpty()) {
            s.append(
                    "None: on every disk the configured mode is the fastest measured and io_uring is not slower.\n");
        }
        r.flags()
                .forEach(
                        f ->
                                s.append("- **")
                                        .append(f.kind())
                                        .append("**: ")
                                        .append(cell(f.message()))
                                        .append('\n'));
        s.append("\n## Charts\n\n");
        int n = r.before().isPresent() ? 3 : 2;
        for (String file : StorageReport.CHART_FILES.subList(0, n)) {
            s.append("![").append(file).append("](").append(file).append(")\n");
        }
        s.append("\n## Hosts\n");
        for (String h : r.hosts()) {
            s.append("\n### ").append(h).append("\n\n");
            List<List<String>> rows = StorageTable.rows(r.disks(), h);
            if (rows.isEmpty()) {
                s.append("no measurements\n");
                continue;
            }
            s.append("| ")
                    .append(String.join(" | ", StorageTable.HEADER))
                    .append(" |\n|")
                    .append("---|".repeat(StorageTable.HEADER.size()))
                    .append('\n');
            rows.forEach(
                    row ->
                            s.append("| ")
                                    .append(
                                            String.join(
                                                    " | ",
                                                    row.stream()
                                                            .map(StorageMarkdown::cell)
                                                            .toList()))
                                    .append(" |\n"));
        }
        return s.toString();
    }

    private static String cell(String t) {
        return t.replace("|", "\\|").replace("\n", " ");
    }
}
