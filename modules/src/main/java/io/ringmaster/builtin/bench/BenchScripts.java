package io.ringmaster.builtin.bench;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.module.api.Shell;
import java.util.List;

/**
 * The read scripts: what the host has (tools, io_uring, the domain and, before a write, every
 * domain's definition), then the facts of every path a decision needs. Each runs in one remote
 * exec.
 */
final class BenchScripts {

    /**
     * Prints {@code key value} lines about one path: kind, size, real path, and whether O_DIRECT
     * reads work.
     */
    static final String FACTS_FN =
            "rm_facts() { p=$1; echo \"path $p\"; "
                    + "if [ ! -e \"$p\" ]; then echo 'kind missing'; return 0; fi; "
                    + "if [ -b \"$p\" ]; then echo 'kind block'; echo \"size $(blockdev --getsize64 \"$p\" 2>/dev/null)\"; "
                    + "elif [ -f \"$p\" ]; then echo 'kind file'; echo \"size $(stat -L -c %s \"$p\")\"; "
                    + "echo \"alloc $(($(stat -L -c %b \"$p\") * $(stat -L -c %B \"$p\")))\"; "
                    + "if command -v qemu-img >/dev/null 2>&1; then v=$(qemu-img info -U \"$p\" 2>/dev/null "
                    + "| sed -n 's/^virtual size: .*(\\([0-9]*\\) bytes).*/\\1/p'); [ -z \"$v\" ] || echo \"vsize $v\"; fi; "
                    + "else echo 'kind other'; fi; echo \"real $(readlink -f \"$p\")\"; "
                    + "if [ -b \"$p\" ] || [ -f \"$p\" ]; then "
                    + "if e=$(dd if=\"$p\" of=/dev/null bs=4096 count=1 iflag=direct status=none 2>&1); "
                    + "then echo 'direct ok'; else echo \"direct $(printf '%s' \"$e\" | tr '\\n' ' ')\"; fi; fi; }";

    private BenchScripts() {}

    /**
     * Tools, io_uring state, the domain's state and definition, and with {@code allDomains} every
     * definition.
     */
    static Sections first(BenchSpec spec, boolean allDomains) {
        Sections s = Sections.script();
        String virsh = "virsh -c " + Shell.quote(spec.uri());
        s.section(
                "tools",
                "for t in qemu-img fio; do command -v $t >/dev/null 2>&1 && echo $t; done; :");
        s.section("uring", "cat /proc/sys/kernel/io_uring_disabled 2>/dev/null || echo absent");
        spec.domain()
                .ifPresent(
                        d -> {
                            s.section("state", virsh + " domstate " + Shell.quote(d));
                            s.section("xml", virsh + " dumpxml --inactive " + Shell.quote(d));
                        });
        if (allDomains) {
            String m = s.marker();
            s.raw("rm_names=$(" + virsh + " list --all --name 2>&1); rm_rc=$?");
            s.raw(s.begin("domains"));
            s.raw("printf '%s\\n' \"$rm_names\"; echo \"" + m + " END domains $rm_rc\"");
            s.raw(
                    "[ $rm_rc -ne 0 ] || printf '%s\\n' \"$rm_names\" | while IFS= read -r d; do [ -n \"$d\" ] || continue; "
                            + "echo \""
                            + m
                            + " BEGIN dom:$d\"; "
                            + virsh
                            + " dumpxml --inactive \"$d\" 2>&1; "
                            + "echo \""
                            + m
                            + " END dom:$d $?\"; done");
        }
        return s;
    }

    /**
     * Facts for each disk to bench ({@code path:N}) and each disk a domain uses ({@code src:N}).
     */
    static Sections second(String uri, List<Disk> targets, List<Disk> inUse) {
        Sections s = Sections.script();
        s.raw(FACTS_FN);
        for (int i = 0; i < targets.size(); i++) {
            s.section("path:" + i, resolve(uri, targets.get(i)));
        }
        for (int i = 0; i < inUse.size(); i++) {
            s.section("src:" + i, resolve(uri, inUse.get(i)));
        }
        return s;
    }

    private static String resolve(String uri, Disk d) {
        if (d.path().isPresent()) {
            return "rm_facts " + Shell.quote(d.path().get());
        }
        return "if p=$(virsh -c "
                + Shell.quote(uri)
                + " vol-path --pool "
                + Shell.quote(d.pool().orElse(""))
                + " "
                + Shell.quote(d.volume().orElse(""))
                + " 2>&1); then rm_facts \"$p\"; "
                + "else echo \"volume-error $(printf '%s' \"$p\" | tr '\\n' ' ')\"; fi";
    }
}
