package io.ringmaster.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a playbook through {@code ansible-playbook} (when it is installed: {@code apt-get install
 * ansible}) on the local connection, so a test can compare what Ringmaster does with what Ansible
 * does for the same file.
 */
final class AnsibleSideBySide {
    private static final Pattern HEADER =
            Pattern.compile("^(TASK|RUNNING HANDLER) \\[(.*?)\\] \\*+$", Pattern.MULTILINE);

    private AnsibleSideBySide() {}

    static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "ansible-playbook"))) {
                return true;
            }
        }
        return false;
    }

    /** ansible-playbook's stdout for {@code playbook} against the implicit localhost. */
    static String play(Path playbook, String... extra) throws IOException, InterruptedException {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                "ansible-playbook",
                                "-i",
                                "localhost,",
                                "-c",
                                "local",
                                playbook.toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.environment().put("ANSIBLE_HOST_KEY_CHECKING", "0");
        pb.environment().put("ANSIBLE_LOCALHOST_WARNING", "0");
        pb.environment().put("ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(120, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The TASK and RUNNING HANDLER headers, in order ("handler:NAME" for handlers). */
    static List<String> headers(String out) {
        List<String> names = new ArrayList<>();
        Matcher m = HEADER.matcher(out);
        while (m.find()) {
            names.add((m.group(1).equals("TASK") ? "" : "handler:") + m.group(2));
        }
        return names;
    }
}
