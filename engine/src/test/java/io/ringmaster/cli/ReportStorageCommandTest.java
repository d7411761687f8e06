package io.ringmaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportStorageCommandTest {
    @TempDir Path dir;

    private Path fixture(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/report/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            return p;
        }
    }

    @Test
    void writesTheReportAndSaysWhere() throws Exception {
        MainTest.Run r =
                MainTest.main(
                        "report",
                        "storage",
                        fixture("after.json").toString(),
                        fixture("before.json").toString(),
                        "-o",
                        dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("storage report: 3 hosts, 9 disk measurements, 0 flags\n")
                .contains("wrote " + dir.resolve("out/index.html"));
        assertThat(dir.resolve("out/before-after.svg")).isNotEmptyFile();
    }

    @Test
    void aMissingFileIsAUserErrorNamingIt() {
        MainTest.Run r =
                MainTest.main(
                        "report",
                        "storage",
                        dir.resolve("nope.json").toString(),
                        "-o",
                        dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(r.err())
                .startsWith("ERROR! " + dir.resolve("nope.json") + ": no such file")
                .contains("--json FILE")
                .doesNotContain("Exception");
    }

    @Test
    void aRunWithoutStorageBenchResultsSaysWhatToRun() throws Exception {
        Path run = Files.writeString(dir.resolve("run.json"), "{\"plays\": [{\"tasks\": []}]}");
        MainTest.Run r =
                MainTest.main(
                        "report", "storage", run.toString(), "-o", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(r.err())
                .contains("the run has no storage_bench results")
                .contains("playbooks/prove.yml");
        Path notReport = Files.writeString(dir.resolve("x.json"), "[1, 2]");
        assertThat(
                        MainTest.main(
                                        "report",
                                        "storage",
                                        notReport.toString(),
                                        "-o",
                                        dir.toString())
                                .err())
                .contains("not a Ringmaster --json report");
    }

    @Test
    void reportWithoutAKindPrintsItsUsage() {
        MainTest.Run r = MainTest.main("report");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("storage");
    }
}
