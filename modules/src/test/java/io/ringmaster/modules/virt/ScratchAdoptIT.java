package io.ringmaster.modules.virt;

import io.ringmaster.module.api.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScratchAdoptIT {
    private final LocalRemote remote = new LocalRemote();

    private ModuleResult run(String name, String xml) throws Exception {
        Map<String, Object> args = new HashMap<>();
        args.put("name", name);
        args.put("xml", xml);
        VirtDomain m = new VirtDomain();
        return m.run(Contexts.of(m, args, remote, false, true));
    }

    @Test
    void adopt() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/virt/corpus"))) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        String only = System.getProperty("only", "");
        int ok = 0, bad = 0, n = 0;
        for (Path f : files) {
            if (!only.isEmpty() && !f.toString().contains(only)) continue;
            n++;
            String xml = Files.readString(f);
            String old = xml.substring(xml.indexOf("<name>") + 6, xml.indexOf("</name>"));
            String name = "rm7-" + old.substring(4);
            xml = xml.replace(old, name);
            Path tmp = Path.of("/tmp/rm7-adopt.xml");
            Files.writeString(tmp, xml);
            String q = io.ringmaster.module.api.Shell.quote(name);
            remote.exec("virsh -c qemu:///system undefine " + q + " >/dev/null 2>&1; virsh -c qemu:///system define /tmp/rm7-adopt.xml >/dev/null");
            try {
                long t0 = System.nanoTime();
                ModuleResult r = run(name, xml);
                if (false) System.err.println("[time] " + (System.nanoTime() - t0) / 1000000 + " ms");
                String mut = xml.replaceFirst("<memory>\\d+</memory>", "<memory>393216</memory>").replaceFirst("<currentMemory>\\d+</currentMemory>", "<currentMemory>393216</currentMemory>");
                ModuleResult m1 = r instanceof ModuleResult.Ok ? run(name, mut) : null;
                ModuleResult m2 = m1 != null ? run(name, mut) : null;
                boolean good = r instanceof ModuleResult.Ok && m1 instanceof ModuleResult.Changed && m2 instanceof ModuleResult.Ok;
                if (good) ok++; else {
                    bad++;
                    System.err.println("[adopt] " + f.getFileName() + ": " + r.getClass().getSimpleName() + " " + r.msg()
                            + (m1 == null ? "" : " | mut: " + m1.getClass().getSimpleName() + " " + m1.msg())
                            + (m2 == null ? "" : " | rerun: " + m2.getClass().getSimpleName() + " " + m2.msg()));
                }
                if (!((List<?>) r.data().getOrDefault("warnings", List.of())).isEmpty()) {
                    ((List<?>) r.data().get("warnings")).forEach(w -> System.err.println("[warn] " + String.valueOf(w).replaceAll("'[^']*'", "_")));
                }
            } finally {
                remote.exec("virsh -c qemu:///system undefine " + q + " >/dev/null 2>&1; rm -f /var/lib/ringmaster/backups/rm7-*");
            }
        }
        System.err.println("[adopt] total " + n + " good " + ok + " bad " + bad);
    }
}
