package io.ringmaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RootCommandTest {
    @Test
    void aNamedSubcommandIsBuiltAloneAnythingElseGetsThemAll() {
        assertThat(RootCommand.subcommandsFor(new String[] {"play", "site.yml"}))
                .containsExactly(PlayCommand.class);
        assertThat(RootCommand.subcommandsFor(new String[] {"report", "merge"}))
                .containsExactly(ReportCommand.class);
        for (String[] args :
                new String[][] {{}, {"--help"}, {"help", "play"}, {"pla"}, {"--version"}}) {
            assertThat(RootCommand.subcommandsFor(args)).isEqualTo(RootCommand.SUBCOMMANDS);
        }
    }

    @Test
    void theUsageListsEverySubcommandAsBefore() {
        java.io.StringWriter out = new java.io.StringWriter();
        int rc =
                Main.run(
                        new java.io.PrintWriter(out, true),
                        new java.io.PrintWriter(new java.io.StringWriter(), true),
                        "--help");
        assertThat(rc).isZero();
        assertThat(out.toString())
                .contains("play", "inventory", "modules", "report", "convert", "help");
    }
}
