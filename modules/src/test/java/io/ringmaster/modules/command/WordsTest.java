package io.ringmaster.modules.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void splitsOnWhitespace() {
        assertThat(Words.split("  ls  -l\t/tmp ")).containsExactly("ls", "-l", "/tmp");
    }

    @Test
    void singleQuotesKeepEverythingLiteral() {
        assertThat(Words.split("echo 'a \"b\" \\c $(d)'")).containsExactly("echo", "a \"b\" \\c $(d)");
    }

    @Test
    void doubleQuotesUnescapeOnlyQuoteAndBackslash() {
        assertThat(Words.split("echo \"a \\\"b\\\" \\\\ \\n $x\"")).containsExactly("echo", "a \"b\" \\ \\n $x");
    }

    @Test
    void backslashOutsideQuotesEscapesTheNextCharacter() {
        assertThat(Words.split("echo a\\ b \\'c")).containsExactly("echo", "a b", "'c");
    }

    @Test
    void adjacentQuotedPartsJoinIntoOneWordAndEmptyQuotesGiveAnEmptyWord() {
        assertThat(Words.split("x'a'\"b\"c ''")).containsExactly("xabc", "");
    }

    @Test
    void shellOperatorsAreOrdinaryCharacters() {
        assertThat(Words.split("echo a|b; c && $(d) #e")).containsExactly("echo", "a|b;", "c", "&&", "$(d)", "#e");
    }

    @Test
    void unclosedQuoteIsAnError() {
        assertThatThrownBy(() -> Words.split("echo 'oops")).hasMessageContaining("no closing quotation");
        assertThatThrownBy(() -> Words.split("echo \"oops")).hasMessageContaining("no closing quotation");
    }

    @Test
    void trailingBackslashIsAnError() {
        assertThatThrownBy(() -> Words.split("echo oops\\")).hasMessageContaining("backslash");
    }
}
