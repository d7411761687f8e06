package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.lab.LabExtension;
import io.ringmaster.lab.LabHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive (issue 9), on the real launcher and a real SSH host: after a
 * build, {@code ./ringmaster} dumps {@code modules/target/ringmaster.jsa} from the committed class
 * list, and a fleet run (the bench job: facts, preflight, virt_domain) then takes nearly all of its
 * classes from it. Fails when the list has fallen behind the code (regenerate it with {@code
 * bench/classlist}) or when the launcher stops making or using the archive.
 */
class CdsArchiveIT {
    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(1);

    static final String PREFIX = "cds" + ProcessHandle.current().pid() + "-";

    /** Named classes (not hidden or lambda classes) and where each came from. */
    static final Pattern LOADED =
            Pattern.compile(
                    "\\[class,load\\] (\\S+) source: (shared objects file.*|jrt:/.*|file:.*)");

    @TempDir Path dir;

    @AfterAll
    static void cleanUp() throws Exception {
        for (LabHost h : LAB.hosts()) {
            KvmPlaybookIT.virsh("undefine", "--domain", PREFIX + h.name());
        }
    }

    @Test
    void aFleetRunTakesItsClassesFromTheArchiveTheLauncherMadeFromTheList() throws Exception {
        Path launcher = Path.of("../ringmaster").toAbsolutePath().normalize();
        Path jsa = Path.of("target/ringmaster.jsa").toAbsolutePath();
        Path pb = Files.writeString(dir.resolve("site.yml"), ReadAheadPlaybookIT.benchJob(PREFIX));
        // the first run converges (and makes the archive if this build has none yet)
        assertThat(run(launcher, pb, null)).isZero();
        assertThat(jsa).exists();
        assertThat(Files.getLastModifiedTime(jsa))
                .isGreaterThan(Files.getLastModifiedTime(Path.of("target/ringmaster.jar")));
        Path log = dir.resolve("classes.log");
        assertThat(run(launcher, pb, "-Xlog:class+load=info:file=" + log)).isZero();

        List<String> fromJar = new ArrayList<>();
        int shared = 0;
        Matcher m = LOADED.matcher(Files.readString(log));
        while (m.find()) {
            if (m.group(2).startsWith("shared objects file")) {
                shared++;
            } else {
                fromJar.add(m.group(1));
            }
        }
        int all = shared + fromJar.size();
        assertThat(all).as("classes loaded by a fleet run").isGreaterThan(2000);
        assertThat(fromJar.size())
                .as(
                        "a fleet run loaded %d of its %d classes from the jar or the JDK, not from"
                                + " the archive: run bench/classlist to bring"
                                + " modules/src/cds/ringmaster.classlist up to date. Not archived:"
                                + " %s",
                        fromJar.size(), all, fromJar)
                .isLessThan(all / 20);
    }

    /** One launcher run, its output in a file; {@code logOption} goes to the JVM of the run. */
    private int run(Path launcher, Path pb, String logOption) throws Exception {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                launcher.toString(),
                                "play",
                                pb.toString(),
                                "-i",
                                LAB.inventory().toString(),
                                "--known-hosts",
                                LAB.knownHosts().toString(),
                                "--ssh-config",
                                dir.resolve("no-ssh-config").toString()));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().remove("RINGMASTER_CDS");
        b.environment().remove("RINGMASTER_JAVA_OPTS");
        if (logOption != null) {
            // the launcher's own JVM flags stay; the JDK adds these to them
            b.environment().put("JAVA_TOOL_OPTIONS", logOption);
        }
        Path out = dir.resolve("out-" + System.nanoTime() + ".log");
        Process p = b.redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run finished").isTrue();
        if (p.exitValue() != 0) {
            System.err.println(Files.readString(out));
        }
        return p.exitValue();
    }
}
