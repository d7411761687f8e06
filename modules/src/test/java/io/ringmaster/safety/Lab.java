package io.ringmaster.safety;

import io.ringmaster.cli.Main;
import io.ringmaster.lab.LabExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs playbooks against a lab: in-process through Main, or as the real jar in its own JVM. */
final class Lab {
    private Lab() {}

    record Run(int exit, String out, String err, long millis) {
        @Override
        public String toString() {
            return "exit "
                    + exit
                    + " in "
                    + millis
                    + " ms\n--- out ---\n"
                    + out
                    + "--- err ---\n"
                    + err;
        }
    }

    static Path playbook(LabExtension lab, String yaml, String... files) throws IOException {
        Path dir = Files.createTempDirectory(lab.workDir(), "rms-play");
        for (int i = 0; i + 1 < files.length; i += 2) {
            Files.writeString(dir.resolve(files[i]), files[i + 1]);
        }
        return Files.writeString(dir.resolve("site.yml"), yaml);
    }

    static List<String> args(LabExtension lab, Path playbook, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "play",
                                playbook.toString(),
                                "-i",
                                lab.inventory().toString(),
                                "--known-hosts",
                                lab.knownHosts().toString(),
                                "--ssh-config",
                                playbook.resolveSibling("no-ssh-config").toString()));
        args.addAll(List.of(extra));
        return args;
    }

    static Run inProcess(LabExtension lab, Path playbook, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int exit =
                Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        args(lab, playbook, extra).toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The real jar ({@code target/ringmaster.jar}, built by mvn package before failsafe) in its own
     * JVM.
     */
    static Process jar(LabExtension lab, Path playbook, Path output, String... extra)
            throws IOException {
        Path jar = Path.of("target/ringmaster.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    "the runnable jar is built by mvn package before failsafe: " + jar);
        }
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        cmd.addAll(args(lab, playbook, extra));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
