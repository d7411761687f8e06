package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.builtin.support.VirshRead;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.ModuleContext;
import io.ringmaster.module.api.ReadAhead;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The read: ONE exec and ONE virsh process give the domain's state, its definitions and, when a
 * desired definition is given (on stdin), that definition as libvirt's own parser writes it.
 *
 * @param state the domain
 * @param desired the desired definition (null for state=undefined)
 * @param earlierRestart the outcome a detached restart of an earlier, interrupted run left on the
 *     host, or ""
 * @param secure the definition was read with --security-info
 */
public record DomainRead(
        DomainState state, Desired desired, String earlierRestart, boolean secure) {

    static DomainRead run(ModuleContext ctx, String uri, String prelude, String name, Element raw)
            throws HostUnreachableException, InterruptedException {
        boolean secure = Secrets.any(raw);
        boolean stats = raw != null && !Tuning.polls(raw).isEmpty();
        String stdin = raw == null ? null : forTestDriver(raw);
        ExecResult r = null;
        Map<String, Section> out = null;
        for (ReadAhead.Done d : ctx.remote().takeReadAheads()) {
            if (d.read() instanceof VirshRead v
                    && v.equals(ahead(uri, name, raw, stdin, v.marker()))) {
                out = usable(d.result(), v.marker(), raw != null, stats, ctx.checkMode());
                r = d.result();
            }
        }
        if (out == null) {
            Sections s =
                    Virsh.readScript(prelude, name, secure, stats, raw != null, !ctx.checkMode());
            byte[] in = stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8);
            r = ctx.remote().exec(s.command(), in, Duration.ofSeconds(120));
            out = Virsh.checked(s.parse(r.stdout()));
        }
        DomainState st = DomainState.parse(out);
        if (out.get("dominfo") == null && st.error().contains("no dominfo")) {
            st =
                    DomainState.unread(
                            "the read printed nothing (rc "
                                    + r.rc()
                                    + (r.stderr().isBlank() ? "" : ", " + r.stderr().strip())
                                    + (r.stdout().isBlank() ? "" : ", " + r.stdout().strip())
                                    + ")");
        }
        Desired d = raw == null ? null : Desired.of(raw, out.get("canonical"));
        String earlier = Sections.okText(out, "restart-outcome").map(String::strip).orElse("");
        return new DomainRead(st, d, earlier, secure);
    }

    /**
     * The read as a read-ahead for setup's exec, with {@code marker} for its sections: the same
     * virsh commands as {@link Virsh#readScript}, an earlier restart's outcome printed but not
     * consumed (a read-ahead changes nothing).
     */
    static VirshRead ahead(String uri, String name, Element raw, String stdin, String marker) {
        Sections s = Sections.withMarker(marker);
        boolean stats = raw != null && !Tuning.polls(raw).isEmpty();
        return new VirshRead(
                uri,
                Virsh.prelude(uri, name) + "\n" + Virsh.restartOutcome(s, false),
                Virsh.readCommands(s, name, Secrets.any(raw), stats, raw != null),
                stdin,
                marker);
    }

    /**
     * A read-ahead's sections when they are the whole read: every virsh section printed (virsh
     * connected and ran to the end), and no earlier restart's outcome left to consume outside check
     * mode (the task's own read moves it aside); else null, and the task reads itself.
     */
    private static Map<String, Section> usable(
            ExecResult r, String marker, boolean canonical, boolean stats, boolean check) {
        Map<String, Section> out = Virsh.checked(Sections.parse(marker, r.stdout()));
        boolean whole =
                !r.timedOut()
                        && out.keySet()
                                .containsAll(
                                        canonical
                                                ? List.of(
                                                        "dominfo", "inactive", "live", "canonical")
                                                : List.of("dominfo", "inactive", "live"))
                        && (!stats || out.containsKey("iothreads"));
        return whole && (check || !out.containsKey("restart-outcome")) ? out : null;
    }

    /**
     * The desired definition under the test driver's reserved name, without a UUID (the test driver
     * makes one).
     */
    static String forTestDriver(Element raw) {
        Element copy = DomainCompare.normalised(raw);
        Element uuid = io.ringmaster.builtin.support.Xml.child(copy, "uuid");
        if (uuid != null) {
            copy.removeChild(uuid);
        }
        io.ringmaster.builtin.support.Xml.child(copy, "name").setTextContent(Virsh.CANONICAL_NAME);
        return io.ringmaster.builtin.support.Xml.format(copy);
    }
}
