package io.ringmaster.builtin.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemotePathsTest {

    @Test
    void quotesEverythingButALeadingTilde() {
        assertThat(RemotePaths.path("/srv/a b")).isEqualTo("'/srv/a b'");
        assertThat(RemotePaths.path("~/x $(y)")).isEqualTo("~/'x $(y)'");
        assertThat(RemotePaths.path("~")).isEqualTo("~");
        assertThat(RemotePaths.path("a~/b")).isEqualTo("'a~/b'");
    }

    @Test
    void patternsLeaveOnlyStarAndQuestionMarkBare() {
        assertThat(RemotePaths.pattern("/var/log/*.log")).isEqualTo("/var/log/*.log");
        assertThat(RemotePaths.pattern("/a b/$(x)?")).isEqualTo("'/a b/$(x)'?");
        assertThat(RemotePaths.pattern("*")).isEqualTo("*");
    }
}
