package io.ringmaster.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringmaster.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each {@code broken/NAME.yml} must fail with exactly the message in {@code
 * broken/NAME.error} (paths relative to the engine module, where surefire runs).
 */
class BrokenPlaybooksTest {
    private static final Path BROKEN = Path.of("src/test/resources/broken");

    static Stream<String> names() throws IOException {
        try (Stream<Path> files = Files.list(BROKEN)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".error"))
                    .map(n -> n.substring(0, n.length() - ".error".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void brokenPlaybookFailsWithTheGoldenMessage(String name) throws IOException {
        String expected = Files.readString(BROKEN.resolve(name + ".error")).stripTrailing();
        UserError error =
                catchThrowableOfType(
                        UserError.class,
                        () -> PlaybookLoader.load(BROKEN.resolve(name + ".yml"), List.of()));
        assertThat(error).as("loading %s.yml must fail", name).isNotNull();
        assertThat(error.getMessage()).isEqualTo(expected);
        assertThat(error.hint()).as("every error says how to fix it").isNotBlank();
    }

    @Test
    void everyBrokenPlaybookHasAGoldenFile() throws IOException {
        try (Stream<Path> files = Files.list(BROKEN)) {
            assertThat(files.filter(p -> p.toString().endsWith(".yml")))
                    .allSatisfy(
                            p ->
                                    assertThat(Path.of(p.toString().replace(".yml", ".error")))
                                            .exists());
        }
        assertThat(names())
                .contains(
                        "yaml_syntax",
                        "duplicate_key",
                        "keyword_typo",
                        "no_module",
                        "two_modules",
                        "play_without_hosts",
                        "unknown_play_key",
                        "bad_serial",
                        "import_cycle",
                        "missing_role",
                        "missing_vars_file",
                        "include_expression",
                        "empty",
                        "not_a_list",
                        "handler_without_name");
    }
}
