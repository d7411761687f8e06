package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Sections.Section;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.ModuleContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    static DomainRead run(ModuleContext ctx, String prelude, String name, Element raw)
            throws HostUnreachableException, InterruptedException {
        boolean secure = Secrets.any(raw);
        boolean stats = raw != null && !Tuning.polls(raw).isEmpty();
        Sections s = Virsh.readScript(prelude, name, secure, stats, raw != null, !ctx.checkMode());
        byte[] stdin = raw == null ? null : forTestDriver(raw).getBytes(StandardCharsets.UTF_8);
        ExecResult r = ctx.remote().exec(s.command(), stdin, Duration.ofSeconds(120));
        Map<String, Section> out = Virsh.checked(s.parse(r.stdout()));
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
