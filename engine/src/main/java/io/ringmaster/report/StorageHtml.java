package io.ringmaster.report;

import java.util.List;

/** {@code index.html}: well-formed XHTML (it parses as XML) with the charts inline. */
final class StorageHtml {
    private static final String STYLE =
            "body{font-family:sans-serif;margin:2em;color:#222}"
                    + "table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:3px 8px;"
                    + "text-align:right}td:nth-child(-n+5),th{text-align:left}th{background:#f3f3f3}"
                    + ".flag{color:#b00020}.note{color:#555}figure{margin:1em 0}";

    private StorageHtml() {}

    static String page(StorageReport r, List<String> charts) {
        StringBuilder s =
                new StringBuilder(
                        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n");
        s.append("<head><meta charset=\"utf-8\"/><title>Storage per aio mode: ")
                .append(esc(r.run().name()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head>\n<body>\n");
        s.append("<h1>Storage per aio mode</h1>\n<p class=\"note\">run ")
                .append(esc(r.run().name()))
                .append(r.before().map(b -> ", before: " + esc(b.name())).orElse(""))
                .append("; ")
                .append(r.hosts().size())
                .append(" hosts, ")
                .append(r.disks().size())
                .append(" disk measurements. ")
                .append(
                        "Differences under 5 % are treated as noise; sparse images (mostly holes, whose reads never reach the ")
                .append("drive) are listed but left out of the charts and flags.</p>\n");
        flags(s, r);
        s.append("<h2>Charts</h2>\n");
        for (String c : charts) {
            s.append("<figure>\n").append(c).append("</figure>\n");
        }
        s.append("<h2>Hosts</h2>\n");
        for (String h : r.hosts()) {
            s.append("<h3>").append(esc(h)).append("</h3>\n");
            table(s, StorageTable.rows(r.disks(), h));
        }
        return s.append("</body>\n</html>\n").toString();
    }

    private static void flags(StringBuilder s, StorageReport r) {
        s.append("<h2>Flags</h2>\n");
        if (r.flags().isEmpty()) {
            s.append(
                    "<p>None: on every disk the configured mode is the fastest measured and io_uring is not slower.</p>\n");
            return;
        }
        s.append("<ul>\n");
        r.flags()
                .forEach(
                        f ->
                                s.append("<li class=\"flag\"><b>")
                                        .append(esc(f.kind()))
                                        .append("</b>: ")
                                        .append(esc(f.message()))
                                        .append("</li>\n"));
        s.append("</ul>\n");
    }

    private static void table(StringBuilder s, List<List<String>> rows) {
        if (rows.isEmpty()) {
            s.append("<p class=\"note\">no measurements</p>\n");
            return;
        }
        s.append("<table>\n<tr>");
        StorageTable.HEADER.forEach(h -> s.append("<th>").append(esc(h)).append("</th>"));
        s.append("</tr>\n");
        for (List<String> row : rows) {
            s.append("<tr>");
            row.forEach(c -> s.append("<td>").append(esc(c)).append("</td>"));
            s.append("</tr>\n");
        }
        s.append("</table>\n");
    }

    private static String esc(String t) {
        return SvgBarChart.esc(t);
    }
}
