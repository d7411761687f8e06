package io.ringmaster.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsFileTest {
    @TempDir Path dir;
    byte[] keyA;
    byte[] keyB;
    byte[] rsa;
    String lineA;
    String lineB;

    @BeforeEach
    void keys() throws Exception {
        lineA = pub("a", "ed25519");
        lineB = pub("b", "ed25519");
        keyA = blob(lineA);
        keyB = blob(lineB);
        rsa = blob(pub("r", "rsa"));
    }

    private String pub(String name, String type) throws Exception {
        Path k = dir.resolve(name);
        HostKeysTest.run("ssh-keygen", "-q", "-t", type, "-N", "", "-f", k.toString());
        String[] f = Files.readString(Path.of(k + ".pub")).strip().split(" ");
        return f[0] + " " + f[1];
    }

    private static byte[] blob(String line) {
        return Base64.getDecoder().decode(line.split(" ")[1]);
    }

    @Test
    void plainPortAndWildcardEntries() throws Exception {
        Path f = dir.resolve("known_hosts");
        Files.writeString(
                f,
                "# comment\n\n127.0.0.5,web "
                        + lineA
                        + "\n[127.0.0.6]:2222 "
                        + lineA
                        + "\n"
                        + "127.0.1.* "
                        + lineB
                        + "\n");
        KnownHostsFile k = KnownHostsFile.load(f);
        assertThat(k.check("127.0.0.5", keyA)).isEqualTo(new HostKeyCheck.Known(3));
        assertThat(k.check("web", keyA)).isEqualTo(new HostKeyCheck.Known(3));
        assertThat(k.check("[127.0.0.6]:2222", keyA)).isEqualTo(new HostKeyCheck.Known(4));
        assertThat(k.check("127.0.0.6", keyA)).isInstanceOf(HostKeyCheck.Unknown.class);
        assertThat(k.check("127.0.1.9", keyB)).isEqualTo(new HostKeyCheck.Known(5));
        assertThat(k.typesFor("127.0.0.5")).containsExactly("ssh-ed25519");
    }

    @Test
    void changedKeyNamesFileAndLine() throws Exception {
        Path f = dir.resolve("known_hosts");
        Files.writeString(f, "other " + lineB + "\n127.0.0.5 " + lineA + "\n");
        HostKeyCheck c = KnownHostsFile.load(f).check("127.0.0.5", keyB);
        assertThat(c).isEqualTo(new HostKeyCheck.Changed(f, List.of(2), false));
        HostKeyCheck otherType = KnownHostsFile.load(f).check("127.0.0.5", rsa);
        assertThat(otherType).isEqualTo(new HostKeyCheck.Unknown(List.of(2)));
    }

    @Test
    void hashedEntriesFromSshKeygen() throws Exception {
        Path f = dir.resolve("known_hosts");
        Files.writeString(f, "127.0.0.5 " + lineA + "\n[127.0.0.6]:2222 " + lineB + "\n");
        HostKeysTest.run("ssh-keygen", "-H", "-f", f.toString());
        assertThat(Files.readString(f)).doesNotContain("127.0.0").contains("|1|");
        KnownHostsFile k = KnownHostsFile.load(f);
        assertThat(k.check("127.0.0.5", keyA)).isInstanceOf(HostKeyCheck.Known.class);
        assertThat(k.check("[127.0.0.6]:2222", keyB)).isInstanceOf(HostKeyCheck.Known.class);
        assertThat(k.check("127.0.0.5", keyB)).isInstanceOf(HostKeyCheck.Changed.class);
        assertThat(k.check("127.0.0.7", keyA)).isInstanceOf(HostKeyCheck.Unknown.class);
    }

    @Test
    void revokedAndNegatedAndCertAuthority() throws Exception {
        Path f = dir.resolve("known_hosts");
        Files.writeString(
                f,
                "@cert-authority * "
                        + lineB
                        + "\n@revoked * "
                        + lineA
                        + "\n"
                        + "127.0.0.*,!127.0.0.9 "
                        + lineB
                        + "\n");
        KnownHostsFile k = KnownHostsFile.load(f);
        assertThat(k.check("127.0.0.5", keyA))
                .isEqualTo(new HostKeyCheck.Changed(f, List.of(2), true));
        assertThat(k.check("127.0.0.5", keyB)).isEqualTo(new HostKeyCheck.Known(3));
        assertThat(k.check("127.0.0.9", keyB)).isInstanceOf(HostKeyCheck.Unknown.class);
    }

    @Test
    void concurrentAddsAppendEveryKeyOnceAndSshKeygenReadsThem() throws Exception {
        Path f = dir.resolve("sub/known_hosts");
        KnownHostsFile k = KnownHostsFile.load(f);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> lines = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String host = "[127.0.0." + (i % 32) + "]:22" + (i % 32 < 10 ? "0" : "") + (i % 32);
            lines.add(pool.submit(() -> k.add(host, keyA)));
        }
        for (Future<Integer> l : lines) {
            l.get();
        }
        pool.shutdown();
        List<String> written = Files.readAllLines(f);
        assertThat(written).hasSize(32).doesNotHaveDuplicates();
        KnownHostsFile reread = KnownHostsFile.load(f);
        assertThat(reread.check("[127.0.0.31]:2231", keyA)).isInstanceOf(HostKeyCheck.Known.class);
        String found = HostKeysTest.run("ssh-keygen", "-F", "[127.0.0.7]:2207", "-f", f.toString());
        assertThat(found).contains("ssh-ed25519");
    }

    @Test
    void appendAfterAFileWithoutFinalNewline() throws Exception {
        Path f = dir.resolve("known_hosts");
        Files.writeString(f, "other " + lineB);
        KnownHostsFile k = KnownHostsFile.load(f);
        assertThat(k.add("127.0.0.5", keyA)).isEqualTo(2);
        assertThat(Files.readAllLines(f)).containsExactly("other " + lineB, "127.0.0.5 " + lineA);
    }
}
