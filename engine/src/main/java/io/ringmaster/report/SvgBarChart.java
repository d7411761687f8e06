package io.ringmaster.report;

import java.util.List;
import java.util.Locale;

/**
 * A grouped vertical bar chart as standalone SVG: one group per label, one bar per series (NaN: no
 * bar), a y axis with round ticks, a legend, and a {@code <title>} on every bar with its exact
 * value.
 */
record SvgBarChart(
        String title,
        String yLabel,
        List<String> series,
        List<String> colours,
        List<Group> groups) {

    record Group(String label, List<Double> values) {}

    private static final int TOP = 56;
    private static final int PLOT_H = 240;
    private static final int BAR = 16;
    private static final int GAP = 18;

    /** Approximate width of one character of the 12 px sans-serif text, for the margins. */
    private static final double CHAR_W = 7.6;

    String svg() {
        int groupW = series.size() * BAR + GAP;
        int longest = groups.stream().mapToInt(g -> g.label().length()).max().orElse(0);
        int left = Math.max(72, (int) (0.82 * CHAR_W * longest) - groupW / 2 + 8);
        int width =
                Math.max(
                        left + Math.max(240, groups.size() * groupW) + 24,
                        (int) (title.length() * 9.6) + 32);
        int plotW = width - left - 24;
        int height = TOP + PLOT_H + 40 + (int) (0.57 * CHAR_W * longest);
        double top =
                groups.stream()
                        .flatMap(g -> g.values().stream())
                        .filter(v -> !v.isNaN())
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElse(1);
        boolean counts =
                groups.stream()
                        .flatMap(g -> g.values().stream())
                        .allMatch(v -> v.isNaN() || v == Math.rint(v));
        double max = counts && top <= 5 ? 5 : niceMax(top);
        return draw(left, plotW, width, height, max, groupW);
    }

    private String draw(int left, int plotW, int width, int height, double max, int groupW) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<title>").append(esc(title)).append("</title>\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        s.append(text(16, 20, title, "start", "font-size=\"15\" font-weight=\"bold\""));
        legend(s, left);
        axis(s, left, plotW, max);
        for (int g = 0; g < groups.size(); g++) {
            group(s, left, g, groupW, max);
        }
        return s.append("</svg>\n").toString();
    }

    private void legend(StringBuilder s, int left) {
        int x = left;
        for (int i = 0; i < series.size(); i++) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"30\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                            x,
                            colours.get(i % colours.size())));
            s.append(text(x + 16, 40, series.get(i), "start", ""));
            x += 28 + series.get(i).length() * 7;
        }
    }

    private void axis(StringBuilder s, int left, int plotW, double max) {
        int base = TOP + PLOT_H;
        for (int t = 0; t <= 5; t++) {
            double v = max * t / 5;
            double y = base - PLOT_H * t / 5.0;
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                            left,
                            y,
                            left + plotW,
                            y,
                            t == 0 ? "#333333" : "#e0e0e0"));
            s.append(text(left - 6, (int) y + 4, number(v), "end", ""));
        }
        s.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" transform=\"rotate(-90 %d %d)\" "
                                + "text-anchor=\"middle\">%s</text>%n",
                        left - 48,
                        TOP + PLOT_H / 2,
                        left - 48,
                        TOP + PLOT_H / 2,
                        esc(yLabel)));
    }

    private void group(StringBuilder s, int left, int g, int groupW, double max) {
        Group grp = groups.get(g);
        int x0 = left + g * groupW + GAP / 2;
        int base = TOP + PLOT_H;
        for (int i = 0; i < grp.values().size(); i++) {
            double v = grp.values().get(i);
            if (Double.isNaN(v)) {
                continue;
            }
            double h = max > 0 ? PLOT_H * v / max : 0;
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                                    + "<title>%s</title></rect>%n",
                            x0 + i * BAR,
                            base - h,
                            BAR - 2,
                            h,
                            colours.get(i % colours.size()),
                            esc(grp.label() + ", " + series.get(i) + ": " + number(v))));
        }
        int cx = x0 + grp.values().size() * BAR / 2;
        s.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" transform=\"rotate(-35 %d %d)\" "
                                + "text-anchor=\"end\">%s</text>%n",
                        cx,
                        base + 16,
                        cx,
                        base + 16,
                        esc(grp.label())));
    }

    /**
     * The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or above
     * {@code v}.
     */
    static double niceMax(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String number(double v) {
        if (v >= 1000) {
            double k = v / 1000;
            return k >= 100 || k == Math.rint(k)
                    ? String.format(Locale.ROOT, "%.0fk", k)
                    : String.format(Locale.ROOT, "%.1fk", k);
        }
        return v == Math.rint(v)
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String text(int x, int y, String t, String anchor, String extra) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" %s>%s</text>%n",
                x,
                y,
                anchor,
                extra,
                esc(t));
    }

    static String esc(String s) {
        return XmlText.clean(s)
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
