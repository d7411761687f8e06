package io.ringmaster.cli;

import io.ringmaster.convert.Converter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringmaster convert FILE|DIR...}: rewrites Ansible's Jinja2 forms in playbooks, roles and
 * templates.
 */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description =
                "Rewrite the common Jinja2 forms of Ansible playbooks, roles and templates (.yml, .yaml, .j2)"
                        + " into Ringmaster's expressions, in place; report what is left to do by hand (exit 4 then).")
public final class ConvertCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE|DIR",
            description = "Files, or directories to walk.")
    List<Path> paths;

    @Option(names = "--check", description = "Report only; write nothing.")
    boolean check;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        int changed = 0;
        int total = 0;
        int left = 0;
        for (Path file : files()) {
            String text = Files.readString(file);
            boolean yaml = !file.toString().endsWith(".j2");
            Converter.Result r = Converter.convert(text, yaml);
            total += text.split("\n", -1).length;
            changed += r.changedLines();
            for (Converter.Problem p : r.problems()) {
                out.println(file + ":" + p.line() + ": not converted: " + p.message());
                left++;
            }
            if (r.changedLines() > 0) {
                out.println(
                        file
                                + ": "
                                + r.changedLines()
                                + " line(s) "
                                + (check ? "would change" : "converted"));
                if (!check) {
                    Files.writeString(file, r.text());
                }
            }
        }
        out.println(
                changed
                        + " of "
                        + total
                        + " line(s) converted, "
                        + left
                        + " left to convert by hand");
        out.flush();
        return left == 0 ? ExitCodes.OK : ExitCodes.PLAYBOOK_ERROR;
    }

    private List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> f.toString().matches(".*\\.(ya?ml|j2)$"))
                            .sorted()
                            .forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
