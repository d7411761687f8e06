package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.virt.Tuning.Pin;
import io.ringmaster.builtin.virt.Tuning.Poll;
import io.ringmaster.module.api.Shell;
import java.util.ArrayList;
import java.util.List;

/**
 * Every virsh command virt_domain runs, and the shell around them. Scripts start with {@link
 * #prelude}, which sets {@code $U} (URI) and {@code $N} (domain name) already quoted; commands
 * given to ONE virsh process as a command string are escaped for virsh's own parser with {@link
 * #arg}.
 */
public final class Virsh {
    /** Where per-domain locks and restart outcomes live on the host. */
    static final String STATE_DIR = "/var/lib/ringmaster/virt";

    /**
     * The name the desired definition gets inside libvirt's in-process test driver (never a real
     * domain).
     */
    static final String CANONICAL_NAME = "ringmaster-canonical";

    private Virsh() {}

    static String prelude(String uri, String name) {
        return "U="
                + Shell.quote(uri)
                + "; N="
                + Shell.quote(name)
                + "; LC_ALL=C; export LC_ALL; D="
                + STATE_DIR;
    }

    /**
     * A word for virsh's command-string parser: every character that is not plainly safe is
     * backslash-escaped.
     */
    static String arg(String word) {
        StringBuilder sb = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (!Character.isLetterOrDigit(c) && "-_.:/@+=,".indexOf(c) < 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.isEmpty() ? "''" : sb.toString();
    }

    /**
     * The read, as one virsh process: dominfo, the persistent definition (with secrets when asked),
     * the live one and IOThread statistics, then (when {@code canonicalise}) the desired definition
     * from stdin defined into libvirt's in-process test driver and dumped back: libvirt's own
     * parser and formatter, no daemon, no side effect.
     */
    static String readCommands(
            Sections s,
            String name,
            boolean securityInfo,
            boolean iothreads,
            boolean canonicalise) {
        String n = arg(name);
        List<String> c = new ArrayList<>();
        section(s, c, "dominfo", "dominfo --domain " + n);
        section(
                s,
                c,
                "inactive",
                "dumpxml --inactive" + (securityInfo ? " --security-info" : "") + " --domain " + n);
        section(s, c, "live", "dumpxml --domain " + n);
        if (iothreads) {
            section(s, c, "iothreads", "domstats --iothread --domain " + n);
        }
        if (canonicalise) {
            c.add("connect test:///default");
            section(
                    s,
                    c,
                    "canonical",
                    "define --file /dev/stdin; dumpxml --inactive --security-info "
                            + CANONICAL_NAME);
        }
        return String.join("; ", c);
    }

    private static void section(Sections s, List<String> c, String name, String commands) {
        c.add("echo " + arg(s.marker() + " BEGIN " + name));
        c.add(commands);
        c.add("echo " + arg(s.marker() + " END " + name + " 0"));
    }

    /**
     * The read script: the outcome of a detached restart an earlier run left, then ONE virsh
     * process.
     */
    static Sections readScript(
            String prelude,
            String name,
            boolean securityInfo,
            boolean iothreads,
            boolean canonicalise,
            boolean consumeOutcome) {
        Sections s = Sections.script().raw(prelude);
        s.raw(restartOutcome(s, consumeOutcome));
        s.raw(oneVirsh(readCommands(s, name, securityInfo, iothreads, canonicalise)));
        return s;
    }

    /**
     * ONE virsh process (one libvirt connection) running {@code commands}, its errors in its
     * output.
     */
    private static String oneVirsh(String commands) {
        return "virsh -c \"$U\" " + Shell.quote(commands) + " 2>&1";
    }

    /**
     * The shell line printing the outcome of a detached restart an earlier run left (when {@code
     * consume}, moved aside so that it is reported once).
     */
    static String restartOutcome(Sections s, boolean consume) {
        return "if [ -f \"$D/$N.restart\" ]; then "
                + s.begin("restart-outcome")
                + "; cat \"$D/$N.restart\"; "
                + s.end("restart-outcome")
                + (consume ? "; mv -f \"$D/$N.restart\" \"$D/$N.restart.reported\"" : "")
                + "; fi";
    }

    /**
     * Takes the per-domain lock (flock on {@code $D/$N.lock}, fd 9, inherited by a detached
     * restart) for up to {@code waitSeconds}, records who holds it, and checks that the persistent
     * definition is still the one the plan was made from ({@code expectedSha}: SHA-256 of its text
     * without whitespace, of "" when it did not exist; null: no check).
     */
    static void lock(
            Sections s, int waitSeconds, String owner, String expectedSha, boolean securityInfo) {
        // mkdir only when missing (a process less on every later apply); the mode is set every time
        s.raw("{ [ -d \"$D\" ] || mkdir -p \"$D\"; } && chmod 0700 \"$D\" || exit 1");
        s.step(
                "lock",
                "exec 9>>\"$D/$N.lock\"; if flock -w "
                        + waitSeconds
                        + " 9; then printf '%s\\n' "
                        + Shell.quote(owner)
                        + " > \"$D/$N.owner\"; else echo \"held by $(cat \"$D/$N.owner\" 2>/dev/null"
                        + " || echo 'an unknown process')\"; (exit 75); fi");
        if (expectedSha == null) {
            return;
        }
        s.step(
                "unchanged",
                "h=$(virsh -c \"$U\" dumpxml --inactive"
                        + (securityInfo ? " --security-info" : "")
                        + " --domain \"$N\" 2>/dev/null | tr -d ' \\t\\r\\n' | sha256sum | cut -c1-64); [ \"$h\" = "
                        + Shell.quote(expectedSha)
                        + " ] || { echo 'the persistent definition changed since it was read'; (exit 76); }");
    }

    /**
     * Validation, backup, define (XML from stdin) and read-back. virsh reads the definition from
     * {@code /dev/stdin}: a temporary file ($T) is made only when virt-xml-validate can run and
     * needs one, and then becomes the standard input (no mktemp, cat and rm on a host without it: 3
     * of a first apply's 15 processes).
     */
    static void define(Sections s, String name, String backupCommand, boolean securityInfo) {
        // virt-xml-validate is a shell script around xmllint (libxml2-utils): without xmllint it
        // cannot run, which says nothing about the XML, so it counts as absent
        s.raw(
                "T=; if command -v virt-xml-validate >/dev/null 2>&1 && command -v xmllint >/dev/null 2>&1; then"
                        + " T=$(mktemp /tmp/ringmaster-domain.XXXXXX) || exit 1; trap 'rm -f \"$T\" \"$T.v\"' EXIT;"
                        + " cat > \"$T\" && exec 0< \"$T\" || exit 1; fi");
        s.step(
                "validate",
                "if [ -n \"$T\" ]; then grep -v '^ *<poll ' \"$T\" > \"$T.v\" && virt-xml-validate \"$T.v\" domain;"
                        + " else echo 'virt-xml-validate: absent'; fi");
        if (!backupCommand.isEmpty()) {
            s.step("backup", backupCommand);
        }
        // define, libvirt's version and the read-back in ONE virsh process (a process is ~20 ms of
        // host CPU): virsh goes on after a failed define, whose section then holds libvirt's
        // error line (see checked) and the read-back is never used
        List<String> c = new ArrayList<>();
        section(s, c, "define", "define --file /dev/stdin");
        section(s, c, "version", "version --daemon");
        section(
                s,
                c,
                "readback",
                "dumpxml --inactive"
                        + (securityInfo ? " --security-info" : "")
                        + " --domain "
                        + arg(name));
        s.raw(oneVirsh(String.join("; ", c)));
    }

    /**
     * The backup of the persistent definition (with secrets; the directory is 0700, the file 0600).
     */
    static String dumpTo(String path) {
        return "virsh -c \"$U\" dumpxml --inactive --security-info --domain \"$N\" > "
                + Shell.quote(path);
    }

    /** Shutdown (clean, then destroy after {@code timeout} s) as a shell snippet. */
    static String shutdown(long timeout) {
        return "virsh -c \"$U\" shutdown --domain \"$N\" >/dev/null 2>&1; i=0; s=$(virsh -c \"$U\" domstate"
                + " --domain \"$N\" 2>/dev/null); while [ \"$s\" != 'shut off' ] && [ $i -lt "
                + timeout
                + " ]; do sleep 1;"
                + " i=$((i+1)); s=$(virsh -c \"$U\" domstate --domain \"$N\" 2>/dev/null); done;"
                + " if [ \"$s\" = 'shut off' ]; then echo \"shut down after $i s\"; else virsh -c \"$U\" destroy --domain"
                + " \"$N\" && echo \"destroyed after "
                + timeout
                + " s without a clean shutdown\"; fi";
    }

    static String start() {
        return "virsh -c \"$U\" start --domain \"$N\"";
    }

    /**
     * A restart that finishes on the host whatever happens to the controller or the channel: it
     * runs detached ({@code setsid}, output to a file, stdin from /dev/null) and writes its outcome
     * to {@code $D/$N.restart}; this run waits for it and removes the outcome, a later run reads
     * what an interrupted run left there.
     */
    static String detachedRestart(long timeout) {
        String body =
                "{ "
                        + shutdown(timeout)
                        + " && "
                        + start()
                        + " && echo 'restart: ok'; } > \"$D/$N.restart.log\" 2>&1;"
                        + " rc=$?; { date -u +%Y-%m-%dT%H:%M:%SZ; cat \"$D/$N.restart.log\"; echo \"rc=$rc\"; } > \"$D/$N.restart.tmp\";"
                        + " mv -f \"$D/$N.restart.tmp\" \"$D/$N.restart\"";
        return "rm -f \"$D/$N.restart\"; export U N D; setsid nohup sh -c "
                + Shell.quote(body)
                + " </dev/null >/dev/null 2>&1 & while [ ! -f \"$D/$N.restart\" ]; do sleep 0.2; done;"
                + " cat \"$D/$N.restart\"; mv -f \"$D/$N.restart\" \"$D/$N.restart.reported\"; grep -qx 'rc=0' \"$D/$N.restart.reported\"";
    }

    static String pin(Pin p) {
        String cmd =
                switch (p.kind()) {
                    case "vcpu" ->
                            "vcpupin --domain \"$N\" --vcpu "
                                    + Shell.quote(p.id())
                                    + " --cpulist "
                                    + Shell.quote(p.cpuset());
                    case "iothread" ->
                            "iothreadpin --domain \"$N\" --iothread "
                                    + Shell.quote(p.id())
                                    + " --cpulist "
                                    + Shell.quote(p.cpuset());
                    default -> "emulatorpin --domain \"$N\" --cpulist " + Shell.quote(p.cpuset());
                };
        return "virsh -c \"$U\" " + cmd + " --live --config";
    }

    static String poll(Poll p) {
        StringBuilder cmd =
                new StringBuilder(
                        "virsh -c \"$U\" iothreadset --domain \"$N\" --id " + Shell.quote(p.id()));
        if (p.max() >= 0) {
            cmd.append(" --poll-max-ns ").append(p.max());
        }
        if (p.grow() >= 0) {
            cmd.append(" --poll-grow ").append(p.grow());
        }
        if (p.shrink() >= 0) {
            cmd.append(" --poll-shrink ").append(p.shrink());
        }
        return cmd + " --live";
    }

    static String autostart(boolean on) {
        return "virsh -c \"$U\" autostart" + (on ? "" : " --disable") + " --domain \"$N\"";
    }

    static String destroy() {
        return "virsh -c \"$U\" destroy --domain \"$N\"";
    }

    static String undefine(boolean nvram, boolean managedSave) {
        return "virsh -c \"$U\" undefine --domain \"$N\""
                + (nvram ? " --nvram" : "")
                + (managedSave ? " --managed-save" : "");
    }

    /**
     * Sections of a virsh command string always end with status 0: a section is failed when virsh
     * printed an {@code error:} line in it (virsh goes on with the next command after an error).
     */
    static java.util.Map<String, Sections.Section> checked(
            java.util.Map<String, Sections.Section> in) {
        java.util.Map<String, Sections.Section> out = new java.util.LinkedHashMap<>();
        in.forEach(
                (k, v) ->
                        out.put(
                                k,
                                v.rc() == 0
                                                && v.text()
                                                        .lines()
                                                        .anyMatch(l -> l.startsWith("error: "))
                                        ? new Sections.Section(k, 1, v.text())
                                        : v));
        return out;
    }

    /**
     * The state after a change: the same read as {@link #readCommands}, without canonicalisation.
     */
    static void appendRead(Sections s, String name, boolean securityInfo, boolean iothreads) {
        s.raw(oneVirsh(readCommands(s, name, securityInfo, iothreads, false)));
    }
}
