package io.ringmaster.builtin.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringmaster.module.api.Shell;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void splitsOnWhitespace() {
        assertThat(Shell.split("  ls  -l\t/tmp ", false)).containsExactly("ls", "-l", "/tmp");
    }

    @Test
    void singleQuotesKeepEverythingLiteral() {
        assertThat(Shell.split("echo 'a \"b\" \\c $(d)'", false))
                .containsExactly("echo", "a \"b\" \\c $(d)");
    }

    @Test
    void doubleQuotesUnescapeOnlyQuoteAndBackslash() {
        assertThat(Shell.split("echo \"a \\\"b\\\" \\\\ \\n $x\"", false))
                .containsExactly("echo", "a \"b\" \\ \\n $x");
    }

    @Test
    void backslashOutsideQuotesEscapesTheNextCharacter() {
        assertThat(Shell.split("echo a\\ b \\'c", false)).containsExactly("echo", "a b", "'c");
    }

    @Test
    void adjacentQuotedPartsJoinIntoOneWordAndEmptyQuotesGiveAnEmptyWord() {
        assertThat(Shell.split("x'a'\"b\"c ''", false)).containsExactly("xabc", "");
    }

    @Test
    void shellOperatorsAreOrdinaryCharacters() {
        assertThat(Shell.split("echo a|b; c && $(d) #e", false))
                .containsExactly("echo", "a|b;", "c", "&&", "$(d)", "#e");
    }

    @Test
    void unclosedQuoteIsAnError() {
        assertThatThrownBy(() -> Shell.split("echo 'oops", false))
                .hasMessageContaining("no closing quotation");
        assertThatThrownBy(() -> Shell.split("echo \"oops", false))
                .hasMessageContaining("no closing quotation");
    }

    @Test
    void trailingBackslashIsAnError() {
        assertThatThrownBy(() -> Shell.split("echo oops\\", false))
                .hasMessageContaining("backslash");
    }
}
