package io.ringmaster.builtin.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lineinfile}'s edit as a pure function of the file's lines, ported from Ansible's own
 * algorithm (ansible-core 2.14 {@code lineinfile.present/absent}) so the same arguments give the
 * same file.
 */
public final class LineEdit {

    /** The arguments that decide the edit; null for unset. */
    public record Spec(
            String line,
            Pattern regexp,
            String searchString,
            String insertAfter,
            String insertBefore,
            boolean backrefs,
            boolean firstMatch) {}

    /**
     * The new lines (each with its line end), Ansible's message, and for absent how many lines were
     * found.
     */
    public record Outcome(List<String> lines, String msg, boolean changed, int found) {}

    private LineEdit() {}

    /** Splits text into lines that keep their line ends, as Python's {@code readlines}. */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    public static Outcome present(List<String> input, Spec s) {
        List<String> lines = new ArrayList<>(input);
        int[] index = {-1, -1};
        Matcher match = findMatch(lines, s, index);
        if (index[0] == -1) {
            findExactOrInsertPoint(lines, s, index);
        }
        String line = s.line();
        if (index[0] != -1) {
            String newLine = s.backrefs() && match != null ? expand(match, line) : line;
            newLine = newLine.endsWith("\n") ? newLine : newLine + "\n";
            if (!lines.get(index[0]).equals(newLine)) {
                lines.set(index[0], newLine);
                return new Outcome(lines, "line replaced", true, 0);
            }
            return new Outcome(lines, "", false, 0);
        }
        if (s.backrefs()) {
            return new Outcome(lines, "", false, 0);
        }
        return insert(lines, s, index[1]);
    }

    private static Matcher findMatch(List<String> lines, Spec s, int[] index) {
        Matcher found = null;
        for (int i = 0; i < lines.size() && (s.regexp() != null || s.searchString() != null); i++) {
            if (s.regexp() != null) {
                Matcher m = s.regexp().matcher(lines.get(i));
                if (m.find()) {
                    index[0] = i;
                    found = m;
                    if (s.firstMatch()) {
                        break;
                    }
                }
            } else if (lines.get(i).contains(s.searchString())) {
                index[0] = i;
                if (s.firstMatch()) {
                    break;
                }
            }
        }
        return found;
    }

    private static void findExactOrInsertPoint(List<String> lines, Spec s, int[] index) {
        String after = s.insertAfter();
        String before = s.insertBefore();
        Pattern ins =
                after != null && !after.equals("BOF") && !after.equals("EOF")
                        ? Pattern.compile(after)
                        : before != null && !before.equals("BOF") ? Pattern.compile(before) : null;
        for (int i = 0; i < lines.size(); i++) {
            String cur = lines.get(i);
            if (s.line().equals(stripEnd(cur))) {
                index[0] = i;
            } else if (ins != null && ins.matcher(cur).find()) {
                if (after != null) {
                    index[1] = i + 1;
                    if (s.firstMatch()) {
                        break;
                    }
                }
                if (before != null) {
                    index[1] = i;
                    if (s.firstMatch()) {
                        break;
                    }
                }
            }
        }
    }

    private static Outcome insert(List<String> lines, Spec s, int at) {
        String line = s.line() + "\n";
        String after = s.insertAfter();
        String before = s.insertBefore();
        if ("BOF".equals(before) || "BOF".equals(after)) {
            lines.add(0, line);
        } else if ("EOF".equals(after) || at == -1) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).endsWith("\n")) {
                lines.add("\n");
            }
            lines.add(line);
        } else if (after != null) {
            if (lines.size() == at) {
                if (stripEnd(lines.get(at - 1)).equals(s.line())) {
                    return new Outcome(lines, "", false, 0);
                }
                lines.add(line);
            } else if (!s.line().equals(stripEnd(lines.get(at)))) {
                lines.add(at, line);
            } else {
                return new Outcome(lines, "", false, 0);
            }
        } else if (at <= 0 || !stripEnd(lines.get(at - 1)).equals(s.line())) {
            lines.add(at, line);
        } else {
            return new Outcome(lines, "", false, 0);
        }
        return new Outcome(lines, "line added", true, 0);
    }

    public static Outcome absent(List<String> input, Spec s) {
        List<String> kept = new ArrayList<>();
        int found = 0;
        for (String cur : input) {
            boolean hit =
                    s.regexp() != null
                            ? s.regexp().matcher(cur).find()
                            : s.searchString() != null
                                    ? cur.contains(s.searchString())
                                    : s.line().equals(stripEnd(cur));
            if (hit) {
                found++;
            } else {
                kept.add(cur);
            }
        }
        return new Outcome(kept, found > 0 ? found + " line(s) removed" : "", found > 0, found);
    }

    /**
     * Python's {@code match.expand}: {@code \1} and {@code \g<name>} are groups, everything else
     * literal.
     */
    static String expand(Matcher m, String template) {
        StringBuilder out = new StringBuilder();
        Matcher refs = Pattern.compile("\\\\(\\d+)|\\\\g<(\\w+)>").matcher(template);
        int last = 0;
        while (refs.find()) {
            out.append(template, last, refs.start());
            String g =
                    refs.group(1) != null
                            ? m.group(Integer.parseInt(refs.group(1)))
                            : group(m, refs.group(2));
            out.append(g == null ? "" : g);
            last = refs.end();
        }
        return out.append(template.substring(last)).toString();
    }

    private static String group(Matcher m, String name) {
        return name.matches("\\d+") ? m.group(Integer.parseInt(name)) : m.group(name);
    }

    private static String stripEnd(String s) {
        return s.replaceAll("[\r\n]+$", "");
    }
}
