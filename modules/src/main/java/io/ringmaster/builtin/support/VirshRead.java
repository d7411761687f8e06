package io.ringmaster.builtin.support;

import io.ringmaster.module.api.ReadAhead;
import java.util.Objects;

/**
 * A read-ahead made of shell and ONE virsh command string, for fact gathering to run inside its own
 * virsh process (setup already connects to libvirt once per host): {@code shell} first, then {@code
 * commands} in the same virsh process as setup's {@code version --daemon}, with {@code stdin} as
 * the exec's standard input. Its output is delimited by sections with {@code marker}.
 *
 * @param uri the libvirt URI: carried only by a setup connecting to the same one
 * @param shell shell lines run before virsh (they set every variable they use)
 * @param commands the virsh command string, escaped for virsh's own parser
 * @param stdin the exec's standard input, or null
 * @param marker the read's section marker
 */
public record VirshRead(String uri, String shell, String commands, String stdin, String marker)
        implements ReadAhead {
    // Written out, not the record's generated ones: those are linked by an invokedynamic bootstrap
    // on
    // first use, and a fleet run's fork threads all compare their read-ahead at the same moment, so
    // each of them ran the bootstrap (~40 ms of a 50-host run's CPU in the profile).
    @Override
    public boolean equals(Object o) {
        return o instanceof VirshRead r
                && Objects.equals(uri, r.uri)
                && Objects.equals(shell, r.shell)
                && Objects.equals(commands, r.commands)
                && Objects.equals(stdin, r.stdin)
                && Objects.equals(marker, r.marker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, shell, commands, stdin, marker);
    }
}
