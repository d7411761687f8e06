package io.ringmaster.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagFilterTest {
    @Test
    void noTagsRunsEverythingButNever() {
        TagFilter f = new TagFilter(Set.of(), Set.of());
        assertThat(f.runs(List.of())).isTrue();
        assertThat(f.runs(List.of("x"))).isTrue();
        assertThat(f.runs(List.of("never"))).isFalse();
    }

    @Test
    void tagsSelectAndAlwaysStillRuns() {
        TagFilter f = new TagFilter(Set.of("virt"), Set.of());
        assertThat(f.runs(List.of("virt"))).isTrue();
        assertThat(f.runs(List.of("other"))).isFalse();
        assertThat(f.runs(List.of())).isFalse();
        assertThat(f.runs(List.of("always"))).isTrue();
        assertThat(f.runs(List.of("never", "virt"))).isTrue();
    }

    @Test
    void skipTagsWin() {
        TagFilter f = new TagFilter(Set.of(), Set.of("slow"));
        assertThat(f.runs(List.of("slow", "virt"))).isFalse();
        assertThat(f.runs(List.of("always"))).isTrue();
        assertThat(new TagFilter(Set.of(), Set.of("always")).runs(List.of("always"))).isFalse();
    }

    @Test
    void taggedAndUntagged() {
        assertThat(new TagFilter(Set.of("untagged"), Set.of()).runs(List.of())).isTrue();
        assertThat(new TagFilter(Set.of("tagged"), Set.of()).runs(List.of("a"))).isTrue();
        assertThat(new TagFilter(Set.of("tagged"), Set.of()).runs(List.of())).isFalse();
        assertThat(new TagFilter(Set.of("tagged"), Set.of()).runs(List.of("never", "debug")))
                .isFalse();
        assertThat(new TagFilter(Set.of("debug"), Set.of()).runs(List.of("never", "debug")))
                .isTrue();
    }
}
