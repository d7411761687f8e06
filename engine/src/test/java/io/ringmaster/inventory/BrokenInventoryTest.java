package io.ringmaster.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringmaster.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden pairs: each {@code broken/NAME.ini} or {@code NAME.yml} fails to load with exactly the
 * message in {@code NAME.error}. Loaded by a path relative to the engine module, so positions print
 * that path.
 */
class BrokenInventoryTest {
    private static final Path BROKEN = Path.of(Fixtures.DIR + "broken");

    @TestFactory
    Stream<DynamicTest> eachBrokenInventoryFailsWithItsGoldenMessage() throws IOException {
        List<Path> inventories;
        try (Stream<Path> files = Files.list(BROKEN)) {
            inventories = files.filter(p -> !p.toString().endsWith(".error")).sorted().toList();
        }
        assertThat(inventories).hasSizeGreaterThan(10);
        return inventories.stream()
                .map(
                        inv ->
                                DynamicTest.dynamicTest(
                                        inv.getFileName().toString(),
                                        () -> {
                                            String name = inv.getFileName().toString();
                                            Path golden =
                                                    BROKEN.resolve(
                                                            name.substring(0, name.lastIndexOf('.'))
                                                                    + ".error");
                                            assertThat(golden)
                                                    .as("golden file for " + name)
                                                    .exists();
                                            UserError error =
                                                    catchThrowableOfType(
                                                            UserError.class,
                                                            () ->
                                                                    Inventory.load(
                                                                            List.of(
                                                                                    inv
                                                                                            .toString())));
                                            assertThat(error)
                                                    .as("loading " + name + " should fail")
                                                    .isNotNull();
                                            assertThat(error.getMessage())
                                                    .isEqualTo(
                                                            Files.readString(golden)
                                                                    .stripTrailing());
                                        }));
    }
}
