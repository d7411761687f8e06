package io.ringmaster.builtin.support;

import io.ringmaster.module.api.ReadAhead;

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
        implements ReadAhead {}
