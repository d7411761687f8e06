package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ringmaster.builtin.fixtures.LocalRemote;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Remote;
import io.ringmaster.module.api.Shell;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * virt_domain's safety on the REAL libvirtd (issue 7 and 8): removals seen through the last-applied
 * record, secrets read with --security-info and never shown, a restart that finishes when the
 * controller's channel dies, the per-domain lock against a concurrent run and a stuck holder.
 * Domains and files are named rm7-*.
 */
class VirtDomainSafetyIT {
    static final String URI = "qemu:///system";
    private final LocalRemote remote = new LocalRemote();
    private final List<String> created = new ArrayList<>();

    @BeforeAll
    static void libvirt() throws Exception {
        LocalRemote r = new LocalRemote();
        r.exec("[ -w /dev/kvm ] && [ \"$(stat -c %a /dev/kvm)\" = 666 ] || chmod 666 /dev/kvm");
        assumeThat(r.exec("virsh -c " + URI + " version").ok()).as("libvirtd reachable").isTrue();
        r.exec("mkdir -p " + VirtDomainIT.IMAGES);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String n : created) {
            String q = Shell.quote(n);
            remote.exec(
                    "virsh -c "
                            + URI
                            + " destroy --domain "
                            + q
                            + " >/dev/null 2>&1; virsh -c "
                            + URI
                            + " undefine --domain "
                            + q
                            + " >/dev/null 2>&1; rm -f "
                            + Virsh.STATE_DIR
                            + "/"
                            + n
                            + ".*; true");
        }
        remote.exec("rm -f /var/lib/ringmaster/backups/rm7-*");
    }

    private String domain(String suffix) throws Exception {
        String name = "rm7-" + suffix;
        created.add(name);
        cleanUp();
        String disk = VirtDomainIT.IMAGES + "/" + name + ".raw";
        remote.exec("[ -f " + disk + " ] || qemu-img create -f raw " + disk + " 16M");
        return name;
    }

    static String xml(String name, int memMib, String devices) {
        return "<domain type='kvm'><name>"
                + name
                + "</name><memory unit='MiB'>"
                + memMib
                + "</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
                + "<cpu mode='custom' match='exact'><model>qemu64</model><feature policy='disable' name='svm'/></cpu>"
                + "<devices><disk type='file' device='disk'><driver name='qemu' type='raw' cache='none'/>"
                + "<source file='"
                + VirtDomainIT.IMAGES
                + "/"
                + name
                + ".raw'/><target dev='vda' bus='virtio'/></disk>"
                + devices
                + "<memballoon model='none'/></devices></domain>";
    }

    private ModuleResult run(Remote r, String name, String xml, Map<String, Object> extra)
            throws Exception {
        Map<String, Object> args = new HashMap<>(extra);
        args.put("name", name);
        args.put("xml", xml);
        VirtDomainModule m = new VirtDomainModule();
        return m.run(Contexts.of(m, args, r, false, true));
    }

    private String sh(String cmd) throws Exception {
        return remote.exec(cmd).stdout();
    }

    @Test
    void removedElementsAreSeenThroughTheLastAppliedRecord() throws Exception {
        String n = domain("removal");
        String full =
                xml(
                        n,
                        128,
                        "<serial type='pty'><target port='0'/></serial>"
                                + "<graphics type='vnc' autoport='yes'/><video><model type='vga'/></video>"
                                + "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>");
        assertThat(run(remote, n, full, Map.of())).isInstanceOf(ModuleResult.Changed.class);
        assertThat(run(remote, n, full, Map.of())).isInstanceOf(ModuleResult.Ok.class);
        Map<String, String> removals =
                Map.of(
                        "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>",
                                "devices/rng: present, not in",
                        "<graphics type='vnc' autoport='yes'/>",
                                "devices/graphics: present, not in",
                        " cache='none'", "devices/disk[vda]/driver/@cache: 'none' -> (absent)");
        for (String gone :
                List.of(
                        "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>",
                        "<graphics type='vnc' autoport='yes'/>",
                        " cache='none'")) {
            String less = full.replace(gone, "");
            ModuleResult r = run(remote, n, less, Map.of());
            assertThat(r).as(gone + ": " + r.msg()).isInstanceOf(ModuleResult.Changed.class);
            assertThat(r.msg()).contains(removals.get(gone));
            assertThat(sh("virsh -c " + URI + " dumpxml --inactive " + n))
                    .doesNotContain(gone.trim().substring(0, 10));
            assertThat(run(remote, n, less, Map.of()))
                    .as("re-run after removing " + gone)
                    .isInstanceOf(ModuleResult.Ok.class);
            full = less;
        }
    }

    @Test
    void adoptedDomainWithoutARecordSaysSo() throws Exception {
        String n = domain("adopt");
        String x = xml(n, 128, "");
        remote.exec(
                "printf '%s' "
                        + Shell.quote(x)
                        + " > /tmp/"
                        + n
                        + ".xml && virsh -c "
                        + URI
                        + " define /tmp/"
                        + n
                        + ".xml && rm -f /tmp/"
                        + n
                        + ".xml");
        ModuleResult r = run(remote, n, x, Map.of());
        assertThat(r).as(r.msg()).isInstanceOf(ModuleResult.Ok.class);
        assertThat(r.msg()).contains("no last-applied record");
        assertThat(r.data().get("last_applied").toString()).startsWith("none");
    }

    @Test
    void secretsAreReadWithSecurityInfoAndNeverShown() throws Exception {
        String n = domain("secret");
        String x = xml(n, 128, "<graphics type='vnc' autoport='yes' passwd='rm7pw1'/>");
        ModuleResult first = run(remote, n, x, Map.of());
        assertThat(first).as(first.msg()).isInstanceOf(ModuleResult.Changed.class);
        ModuleResult again = run(remote, n, x, Map.of());
        assertThat(again)
                .as("a VNC password is no reason to redefine: " + again.msg())
                .isInstanceOf(ModuleResult.Ok.class);
        ModuleResult changed = run(remote, n, x.replace("rm7pw1", "rm7pw2"), Map.of());
        assertThat(changed).isInstanceOf(ModuleResult.Changed.class);
        String shown = changed.msg() + changed.data() + ((ModuleResult.Changed) changed).diff();
        assertThat(shown).contains("passwd").doesNotContain("rm7pw1").doesNotContain("rm7pw2");
        assertThat(sh("virsh -c " + URI + " dumpxml --inactive --security-info " + n))
                .contains("passwd='rm7pw2'");
        assertThat(sh("virsh -c " + URI + " dumpxml --inactive " + n))
                .doesNotContain("rm7pw2")
                .doesNotContain("rm7pw1");
    }

    @Test
    void restartFinishesOnTheHostWhenTheControllerDiesMidRestart() throws Exception {
        String n = domain("restart");
        assertThat(run(remote, n, xml(n, 128, ""), Map.of("state", "running")))
                .isInstanceOf(ModuleResult.Changed.class);
        String id = sh("virsh -c " + URI + " domid " + n).trim();
        // the channel dies 1.5 s into the restart (during the clean-shutdown wait): its shell and
        // process group are
        // killed with SIGHUP/SIGKILL and its pipes closed, as sshd does when a connection drops
        Remote dying = new DyingRemote(remote, 3, 1500);
        ModuleResult r =
                run(
                        dying,
                        n,
                        xml(n, 192, ""),
                        Map.of("state", "running", "restart", "if_needed", "shutdown_timeout", 3));
        assertThat(r).as(r.msg()).isInstanceOf(ModuleResult.Failed.class);
        String state = "";
        for (int i = 0; i < 100 && !"running".equals(state); i++) {
            Thread.sleep(200);
            state = sh("virsh -c " + URI + " domstate " + n).trim();
            if ("running".equals(state)
                    && sh("virsh -c " + URI + " domid " + n).trim().equals(id)) {
                state = "still the old process";
            }
        }
        assertThat(state)
                .as("the VM runs again after the controller died mid-restart")
                .isEqualTo("running");
        assertThat(sh("virsh -c " + URI + " dumpxml " + n))
                .contains("<memory unit='KiB'>196608</memory>");
        for (int i = 0; i < 50 && !sh("ls " + Virsh.STATE_DIR).contains(n + ".restart\n"); i++) {
            Thread.sleep(100);
        }
        ModuleResult next = run(remote, n, xml(n, 192, ""), Map.of("state", "running"));
        assertThat(next).as(next.msg()).isInstanceOf(ModuleResult.Ok.class);
        assertThat(next.msg())
                .contains("an earlier run's restart finished on the host", "restart: ok", "rc=0");
    }

    @Test
    void concurrentRunsNeverBothWinSilently() throws Exception {
        String n = domain("race");
        assertThat(run(remote, n, xml(n, 128, ""), Map.of()))
                .isInstanceOf(ModuleResult.Changed.class);
        oneOfTwoRacingRunsWins(n);
    }

    /**
     * Both runs find the domain absent: libvirt's own refusal of a second UUID-less definition of a
     * name (no check of ours costs a virsh process) lets only one of them define it.
     */
    @Test
    void concurrentFirstDefinitionsNeverBothWin() throws Exception {
        oneOfTwoRacingRunsWins(domain("race-new"));
    }

    /**
     * Two runs (256 and 512 MiB) that both read before either defines, the worst interleaving:
     * exactly one defines, the other fails saying so and changes nothing.
     */
    private void oneOfTwoRacingRunsWins(String n) throws Exception {
        CountDownLatch bothRead = new CountDownLatch(2);
        CompletableFuture<ModuleResult> a =
                CompletableFuture.supplyAsync(() -> race(n, 256, bothRead));
        CompletableFuture<ModuleResult> b =
                CompletableFuture.supplyAsync(() -> race(n, 512, bothRead));
        List<ModuleResult> results =
                List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
        List<ModuleResult> won =
                results.stream().filter(r -> r instanceof ModuleResult.Changed).toList();
        List<ModuleResult> lost =
                results.stream().filter(r -> r instanceof ModuleResult.Failed).toList();
        assertThat(won).as(results.toString()).hasSize(1);
        assertThat(lost).hasSize(1);
        assertThat(lost.get(0).msg())
                .contains("changed since this run read it", "nothing was changed");
        String winner = won.get(0) == results.get(0) ? "262144" : "524288";
        assertThat(sh("virsh -c " + URI + " dumpxml --inactive " + n))
                .contains("<memory unit='KiB'>" + winner + "</memory>");
    }

    private ModuleResult race(String n, int mem, CountDownLatch bothRead) {
        AtomicInteger execs = new AtomicInteger();
        Remote r =
                new Remote() {
                    @Override
                    public ExecResult exec(String command, byte[] stdin, Duration timeout)
                            throws InterruptedException {
                        if (execs.incrementAndGet() == 2) {
                            bothRead.countDown();
                            bothRead.await(30, TimeUnit.SECONDS);
                        }
                        return remote.exec(command, stdin, timeout);
                    }

                    @Override
                    public void upload(byte[] content, String path, String mode) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public boolean isLocal() {
                        return true;
                    }
                };
        try {
            return run(r, n, xml(n, mem, ""), Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHeldLockMakesTheSecondRunWaitThenFailNamingTheHolder() throws Exception {
        String n = domain("locked");
        assertThat(run(remote, n, xml(n, 128, ""), Map.of()))
                .isInstanceOf(ModuleResult.Changed.class);
        String lock = Virsh.STATE_DIR + "/" + n;
        remote.exec(
                "echo 'rm7-test holder pid 4242' > "
                        + lock
                        + ".owner; (flock "
                        + lock
                        + ".lock sleep 6 </dev/null >/dev/null 2>&1 &); sleep 0.3");
        long t0 = System.nanoTime();
        ModuleResult r = run(remote, n, xml(n, 256, ""), Map.of("lock_timeout", 2));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r).isInstanceOf(ModuleResult.Failed.class);
        assertThat(r.msg())
                .contains(
                        "locked by another run for more than 2 s",
                        "rm7-test holder pid 4242",
                        "nothing was changed");
        assertThat(ms).isBetween(1900L, 5000L);
        assertThat(sh("virsh -c " + URI + " dumpxml --inactive " + n))
                .contains("<memory unit='KiB'>131072</memory>");
        Thread.sleep(4500);
        ModuleResult after = run(remote, n, xml(n, 256, ""), Map.of("lock_timeout", 2));
        assertThat(after).as(after.msg()).isInstanceOf(ModuleResult.Changed.class);
    }

    /**
     * Runs the {@code nth} exec as a session leader and kills its whole session after {@code
     * afterMs}.
     */
    static final class DyingRemote implements Remote {
        private final LocalRemote inner;
        private final int nth;
        private final long afterMs;
        private int count;

        DyingRemote(LocalRemote inner, int nth, long afterMs) {
            this.inner = inner;
            this.nth = nth;
            this.afterMs = afterMs;
        }

        @Override
        public ExecResult exec(String command, byte[] stdin, Duration timeout)
                throws InterruptedException {
            if (++count != nth) {
                return inner.exec(command, stdin, timeout);
            }
            try {
                Process p = new ProcessBuilder("setsid", "/bin/sh", "-c", command).start();
                if (stdin != null) {
                    p.getOutputStream().write(stdin);
                }
                p.getOutputStream().close();
                Thread.sleep(afterMs);
                new ProcessBuilder("sh", "-c", "kill -HUP -" + p.pid() + "; kill -KILL -" + p.pid())
                        .start()
                        .waitFor();
                p.getInputStream().close();
                p.getErrorStream().close();
                return new ExecResult(-1, "", "channel closed", "KILL");
            } catch (IOException e) {
                return new ExecResult(255, "", e.toString(), null);
            }
        }

        @Override
        public void upload(byte[] content, String path, String mode) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isLocal() {
            return true;
        }
    }
}
