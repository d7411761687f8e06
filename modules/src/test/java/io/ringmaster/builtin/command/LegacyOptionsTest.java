package io.ringmaster.builtin.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.module.api.Args;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LegacyOptionsTest {

    @Test
    void readsOptionsAtTheStart() {
        LegacyOptions o =
                LegacyOptions.parse(
                        "creates=/etc/done chdir=/srv make install", CommandModule.LEGACY_KEYS);
        assertThat(o.rest()).isEqualTo("make install");
        assertThat(o.options()).isEqualTo(Map.of("creates", "/etc/done", "chdir", "/srv"));
    }

    @Test
    void readsOptionsAtTheEndAndQuotedValues() {
        LegacyOptions o =
                LegacyOptions.parse(
                        "make install chdir=\"/srv/my app\" removes='/tmp/x y'",
                        CommandModule.LEGACY_KEYS);
        assertThat(o.rest()).isEqualTo("make install");
        assertThat(o.options()).isEqualTo(Map.of("chdir", "/srv/my app", "removes", "/tmp/x y"));
    }

    @Test
    void leavesUnknownKeysQuotedWordsAndMiddleWordsAlone() {
        String line = "env FOO=bar 'creates=/x' chdir=/y ls";
        LegacyOptions o = LegacyOptions.parse(line, CommandModule.LEGACY_KEYS);
        assertThat(o.rest()).isEqualTo(line);
        assertThat(o.options()).isEmpty();
    }

    @Test
    void executableIsAnOptionOnlyWhereTheModuleNamesIt() {
        assertThat(
                        LegacyOptions.parse("executable=/bin/bash echo", CommandModule.LEGACY_KEYS)
                                .options())
                .isEmpty();
        assertThat(
                        LegacyOptions.parse("executable=/bin/bash echo", ShellModule.LEGACY_KEYS)
                                .options())
                .containsEntry("executable", "/bin/bash");
    }

    @Test
    void aParameterAndAnEqualWordAgreeButDifferentValuesAreAnError() {
        LegacyOptions o = LegacyOptions.parse("chdir=/a ls", CommandModule.LEGACY_KEYS);
        assertThat(o.resolve(new Args(Map.of("chdir", "/a")), "chdir")).contains("/a");
        assertThat(o.resolve(new Args(Map.of()), "chdir")).contains("/a");
        assertThat(o.resolve(new Args(Map.of()), "creates")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> o.resolve(new Args(Map.of("chdir", "/b")), "chdir"))
                .hasMessageContaining("chdir is given twice");
    }
}
