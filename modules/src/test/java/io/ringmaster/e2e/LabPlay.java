package io.ringmaster.e2e;

import io.ringmaster.cli.Main;
import io.ringmaster.lab.LabExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs {@code ringmaster play} in-process against a lab, with a playbook written to a fresh folder.
 */
final class LabPlay {

    record Run(int exit, String out, String err, Map<String, Object> json, Path dir) {
        @SuppressWarnings("unchecked")
        Map<String, Object> stats(String host) {
            return (Map<String, Object>) ((Map<String, Object>) json.get("stats")).get(host);
        }

        @SuppressWarnings("unchecked")
        String status(String task, String host) {
            for (Object play : (List<Object>) json.get("plays")) {
                for (Object t : (List<Object>) ((Map<String, Object>) play).get("tasks")) {
                    Map<String, Object> tm = (Map<String, Object>) t;
                    if (task.equals(tm.get("name"))) {
                        Object h = ((Map<String, Object>) tm.get("hosts")).get(host);
                        return h == null
                                ? null
                                : String.valueOf(((Map<String, Object>) h).get("status"));
                    }
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    private LabPlay() {}

    /** Writes {@code files} (relative path to content) beside the playbook, then plays it. */
    static Run play(
            LabExtension lab, Path dir, String playbook, Map<String, String> files, String... extra)
            throws Exception {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        Path pb = Files.writeString(dir.resolve("site.yml"), playbook);
        Path json = dir.resolve("run.json");
        Files.deleteIfExists(json);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "play",
                                pb.toString(),
                                "-i",
                                lab.inventory().toString(),
                                "--known-hosts",
                                lab.knownHosts().toString(),
                                "--ssh-config",
                                dir.resolve("no-ssh-config").toString(),
                                "--json",
                                json.toString()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit =
                Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        args.toArray(String[]::new));
        Map<String, Object> report =
                Files.exists(json) ? new Yaml().load(Files.readString(json)) : Map.of();
        return new Run(exit, out.toString(), err.toString(), report, dir);
    }
}
