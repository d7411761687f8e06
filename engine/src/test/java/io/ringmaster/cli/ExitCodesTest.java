package io.ringmaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exit codes are written once: play --help and the README's table say what ExitCodes says. */
class ExitCodesTest {
    @Test
    void playHelpListsEveryCodeWithItsMeaning() {
        StringWriter out = new StringWriter();
        Main.run(
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                "play",
                "--help");
        String help = out.toString();
        ExitCodes.described()
                .forEach(
                        (code, meaning) ->
                                assertThat(help)
                                        .containsPattern(
                                                "(?m)^\\s*" + code + "\\s+\\Q" + meaning + "\\E$"));
    }

    @Test
    void theReadmeTableIsTheSameList() throws Exception {
        Path readme = Path.of("").toAbsolutePath().getParent().resolve("README.md");
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf("| code | meaning |");
        assertThat(start).as("README.md has the exit code table").isPositive();
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            table.put(cells[1].strip(), cells[2].strip());
        }
        assertThat(table).containsExactlyEntriesOf(ExitCodes.described());
    }
}
