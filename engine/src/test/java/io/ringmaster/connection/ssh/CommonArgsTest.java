package io.ringmaster.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommonArgsTest {

    @Test
    void findsProxyJumpInEveryForm() {
        assertThat(CommonArgs.proxyJump("-o ProxyJump=root@127.0.0.2:2222"))
                .isEqualTo("root@127.0.0.2:2222");
        assertThat(CommonArgs.proxyJump("-oProxyJump=j")).isEqualTo("j");
        assertThat(CommonArgs.proxyJump("-o 'ProxyJump j2'")).isEqualTo("j2");
        assertThat(CommonArgs.proxyJump("-o \"proxyjump = j3\"")).isEqualTo("j3");
        assertThat(CommonArgs.proxyJump("-J admin@bastion")).isEqualTo("admin@bastion");
        assertThat(CommonArgs.proxyJump("-Jadmin@bastion:22")).isEqualTo("admin@bastion:22");
    }

    @Test
    void ignoresOtherOptions() {
        assertThat(CommonArgs.proxyJump("")).isNull();
        assertThat(CommonArgs.proxyJump("-o StrictHostKeyChecking=no -C -o ControlMaster=auto -o"))
                .isNull();
        assertThat(CommonArgs.proxyJump("-o ProxyCommand='ssh -W %h:%p j' -v")).isNull();
        assertThat(CommonArgs.proxyJump("-o ServerAliveInterval=5 -J b -o ProxyJump=c"))
                .isEqualTo("b");
    }

    @Test
    void splitsLikeAShell() {
        assertThat(CommonArgs.split("a 'b c' \"d \\\" e\" f\\ g"))
                .containsExactly("a", "b c", "d \" e", "f g");
    }

    @Test
    void parsesJumpSpecs() {
        assertThat(JumpSpec.parse("u@h:2200")).isEqualTo(new JumpSpec("u", "h", 2200));
        assertThat(JumpSpec.parse("h")).isEqualTo(new JumpSpec(null, "h", null));
        assertThat(JumpSpec.parse("ssh://u@[::1]:23")).isEqualTo(new JumpSpec("u", "::1", 23));
        assertThatThrownBy(() -> JumpSpec.parse("u@h:99999")).hasMessageContaining("bad port");
        assertThatThrownBy(() -> JumpSpec.parse("@h")).hasMessageContaining("bad ProxyJump");
    }
}
