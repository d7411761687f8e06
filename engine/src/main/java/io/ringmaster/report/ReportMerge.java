package io.ringmaster.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges the JSON reports ({@link JsonReporter}) of one playbook run over disjoint shards of an
 * inventory (a CI matrix, Kubernetes Jobs) into one report, as if one controller had run every
 * host: plays and tasks are matched by position and name, their per-host results and the recap
 * stats are joined, the duration is the slowest shard's and {@code interrupted} is true when any
 * shard was. A host in two shards, or shards of different playbooks or modes, is refused: the
 * merged report would not say what happened.
 */
public final class ReportMerge {
    /** One shard's report and the file it came from (for messages). */
    public record Shard(String name, Map<String, Object> doc) {
        public Shard {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(doc, "doc");
        }
    }

    /**
     * Shards that cannot be merged: what is wrong and how to fix it (the CLI reports it as a user
     * error).
     */
    public static final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String hint;

        Conflict(String what, String hint) {
            super(what);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    private ReportMerge() {}

    /**
     * The merged report of {@code shards} (at least one), in the shape {@link JsonReporter} writes.
     */
    public static Map<String, Object> merge(List<Shard> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("no reports to merge");
        }
        Shard first = shards.get(0);
        for (Shard s : shards.subList(1, shards.size())) {
            for (String key : List.of("playbook", "playbooks", "check_mode", "diff_mode")) {
                if (!Objects.equals(first.doc().get(key), s.doc().get(key))) {
                    throw new Conflict(
                            s.name()
                                    + " has "
                                    + key
                                    + " "
                                    + Json.compact(s.doc().get(key))
                                    + " but "
                                    + first.name()
                                    + " has "
                                    + Json.compact(first.doc().get(key)),
                            "merge only the shards of one run: the same playbook with the same --check/--diff");
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("playbook", "playbooks", "check_mode", "diff_mode")) {
            out.put(key, first.doc().get(key));
        }
        out.put("plays", plays(shards));
        out.put("stats", stats(shards));
        out.put(
                "duration_ms",
                shards.stream().mapToLong(s -> number(s.doc().get("duration_ms"))).max().orElse(0));
        out.put(
                "interrupted",
                shards.stream().anyMatch(s -> Boolean.TRUE.equals(s.doc().get("interrupted"))));
        out.put("shards", shards.stream().map(s -> shardInfo(s)).toList());
        return out;
    }

    private static Map<String, Object> shardInfo(Shard s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("report", s.name());
        m.put("hosts", map(s.doc().get("stats")).size());
        m.put("duration_ms", number(s.doc().get("duration_ms")));
        return m;
    }

    private static Map<String, Object> stats(List<Shard> shards) {
        Map<String, Object> stats = new LinkedHashMap<>();
        Map<String, String> owner = new LinkedHashMap<>();
        for (Shard s : shards) {
            map(s.doc().get("stats"))
                    .forEach(
                            (host, v) -> {
                                String before = owner.putIfAbsent(host, s.name());
                                if (before != null) {
                                    throw new Conflict(
                                            "host '"
                                                    + host
                                                    + "' is in two shards: "
                                                    + before
                                                    + " and "
                                                    + s.name(),
                                            "shard the inventory so that every host is in exactly one shard (e.g. --limit per shard)");
                                }
                                stats.put(host, v);
                            });
        }
        return stats;
    }

    /**
     * Plays matched by position (shards run the same playbook); each play's hosts and tasks joined.
     */
    private static List<Object> plays(List<Shard> shards) {
        List<Map<String, Object>> merged = new ArrayList<>();
        for (Shard s : shards) {
            List<Object> plays = list(s.doc().get("plays"));
            for (int i = 0; i < plays.size(); i++) {
                Map<String, Object> play = map(plays.get(i));
                if (i == merged.size()) {
                    Map<String, Object> m = new LinkedHashMap<>(play);
                    m.put("hosts", new ArrayList<>(list(play.get("hosts"))));
                    m.put("tasks", new ArrayList<>());
                    merged.add(m);
                } else if (!Objects.equals(merged.get(i).get("name"), play.get("name"))) {
                    throw new Conflict(
                            s.name()
                                    + ": play "
                                    + (i + 1)
                                    + " is '"
                                    + play.get("name")
                                    + "' where the other shards have '"
                                    + merged.get(i).get("name")
                                    + "'",
                            "merge only the shards of one run of one playbook");
                } else {
                    hostsList(merged.get(i)).addAll(list(play.get("hosts")));
                }
                mergeTasks(tasksList(merged.get(i)), list(play.get("tasks")));
            }
        }
        return List.copyOf(merged);
    }

    /**
     * Joins one shard's tasks into the merged list: a task (same name, path and handler flag)
     * already there gets the shard's hosts; a task only this shard ran (its other hosts had failed
     * before it) is inserted after the previous task it shares, keeping the playbook's order.
     */
    private static void mergeTasks(List<Map<String, Object>> into, List<Object> tasks) {
        int at = 0;
        for (Object o : tasks) {
            Map<String, Object> task = map(o);
            int found = -1;
            for (int j = at; j < into.size(); j++) {
                if (sameTask(into.get(j), task)) {
                    found = j;
                    break;
                }
            }
            if (found < 0) {
                Map<String, Object> copy = new LinkedHashMap<>(task);
                copy.put("hosts", new LinkedHashMap<>(map(task.get("hosts"))));
                into.add(at, copy);
                at++;
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> hosts = (Map<String, Object>) into.get(found).get("hosts");
                hosts.putAll(map(task.get("hosts")));
                at = found + 1;
            }
        }
    }

    private static boolean sameTask(Map<String, Object> a, Map<String, Object> b) {
        return Objects.equals(a.get("name"), b.get("name"))
                && Objects.equals(a.get("path"), b.get("path"))
                && Objects.equals(a.get("handler"), b.get("handler"));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> hostsList(Map<String, Object> play) {
        return (List<Object>) play.get("hosts");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tasksList(Map<String, Object> play) {
        return (List<Map<String, Object>>) play.get("tasks");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    /**
     * The recap totals of a (merged) report: ok, changed, unreachable, failed, ... summed over its
     * hosts.
     */
    public static Map<String, Long> totals(Map<String, Object> report) {
        Map<String, Long> t = new LinkedHashMap<>();
        for (String k :
                List.of(
                        "ok",
                        "changed",
                        "unreachable",
                        "failed",
                        "skipped",
                        "rescued",
                        "ignored")) {
            t.put(k, 0L);
        }
        map(report.get("stats"))
                .values()
                .forEach(v -> map(v).forEach((k, n) -> t.merge(k, number(n), Long::sum)));
        return t;
    }

    /** Writes the report as {@link JsonReporter} does (indented, replaced atomically). */
    public static void write(Path file, Map<String, Object> report) {
        AtomicFile.write(file, Json.indented(report, 2) + "\n");
    }
}
