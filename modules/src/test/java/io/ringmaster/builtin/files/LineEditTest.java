package io.ringmaster.builtin.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The lineinfile algorithm, case by case as ansible-core 2.14's lineinfile edits the same text. */
class LineEditTest {

    private static String present(
            String text,
            String line,
            String regexp,
            String after,
            String before,
            boolean backrefs) {
        LineEdit.Spec s =
                new LineEdit.Spec(
                        line,
                        regexp == null ? null : Pattern.compile(regexp),
                        null,
                        after,
                        before,
                        backrefs,
                        false);
        return String.join("", LineEdit.present(LineEdit.lines(text), s).lines());
    }

    @Test
    void replacesTheLastMatchAndIsIdempotent() {
        String t = "a=1\nb=2\na=3\n";
        assertThat(present(t, "a=9", "^a=", null, null, false)).isEqualTo("a=1\nb=2\na=9\n");
        assertThat(present("a=1\nb=2\na=9\n", "a=9", "^a=", null, null, false))
                .isEqualTo("a=1\nb=2\na=9\n");
    }

    @Test
    void appendsAtEndAddingAMissingNewline() {
        assertThat(present("x", "y", null, null, null, false)).isEqualTo("x\ny\n");
        assertThat(present("x\ny\n", "y", null, null, null, false)).isEqualTo("x\ny\n");
        assertThat(present("", "y", null, null, null, false)).isEqualTo("y\n");
    }

    @Test
    void insertAfterAndBeforeMatches() {
        String t = "[main]\nk=v\n[other]\n";
        assertThat(present(t, "new=1", null, "^\\[main\\]", null, false))
                .isEqualTo("[main]\nnew=1\nk=v\n[other]\n");
        assertThat(present(t, "new=1", null, null, "^\\[other\\]", false))
                .isEqualTo("[main]\nk=v\nnew=1\n[other]\n");
        assertThat(present(t, "first", null, null, "BOF", false)).isEqualTo("first\n" + t);
        assertThat(present(t, "new=1", null, "^nomatch", null, false)).isEqualTo(t + "new=1\n");
    }

    @Test
    void anExactLineElsewhereIsNotAddedAgainWhenRegexpMissed() {
        assertThat(present("a\nline\nb\n", "line", "^nomatch", null, null, false))
                .isEqualTo("a\nline\nb\n");
    }

    @Test
    void backrefsExpandGroupsAndDoNothingWithoutAMatch() {
        assertThat(present("port 22\n", "port \\1\\1", "^port (\\d+)", null, null, true))
                .isEqualTo("port 2222\n");
        assertThat(present("x\n", "port \\1", "^port (\\d+)", null, null, true)).isEqualTo("x\n");
    }

    @Test
    void absentRemovesEveryMatchAndCountsThem() {
        LineEdit.Spec s =
                new LineEdit.Spec(null, Pattern.compile("^#"), null, null, null, false, false);
        LineEdit.Outcome o = LineEdit.absent(LineEdit.lines("#a\nb\n#c\n"), s);
        assertThat(o.lines()).isEqualTo(List.of("b\n"));
        assertThat(o.msg()).isEqualTo("2 line(s) removed");
        assertThat(o.found()).isEqualTo(2);
    }
}
