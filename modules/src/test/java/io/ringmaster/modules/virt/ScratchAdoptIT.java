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
                if (good && System.getProperty("removals") != null) {
                    good = removals(f.getFileName().toString(), name, mut);
                }
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

    static final List<String> REMOVABLE = List.of("graphics", "video", "serial", "channel", "rng", "cputune", "numatune",
            "cpu", "sound", "input", "memballoon", "@cache", "@io", "interface", "disk");

    private boolean removals(String file, String name, String full) throws Exception {
        boolean all = true;
        for (String tag : REMOVABLE) {
            org.w3c.dom.Element root = io.ringmaster.modules.support.Xml.parse(full).getDocumentElement();
            if (!remove(root, tag)) continue;
            String less = io.ringmaster.modules.support.Xml.format(root);
            ModuleResult a = run(name, less);
            ModuleResult b = run(name, less);
            String after = remote.exec("virsh -c qemu:///system dumpxml --inactive " + name).stdout();
            boolean good = a instanceof ModuleResult.Changed && b instanceof ModuleResult.Ok;
            System.err.println("[removal] " + (good ? "seen" : "MISSED") + " " + tag + " " + file + (good ? "" : ": " + a.getClass().getSimpleName() + " " + a.msg() + " | " + b.getClass().getSimpleName() + " " + b.msg()));
            all &= good;
            ModuleResult back = run(name, full);
            if (!(back instanceof ModuleResult.Changed)) System.err.println("[removal] restore " + tag + " " + file + ": " + back.msg());
        }
        return all;
    }

    private static boolean remove(org.w3c.dom.Element root, String tag) {
        org.w3c.dom.NodeList l = root.getElementsByTagName(tag.startsWith("@") ? "driver" : tag);
        for (int i = 0; i < l.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) l.item(i);
            if (tag.startsWith("@")) {
                if (e.hasAttribute(tag.substring(1))) { e.removeAttribute(tag.substring(1)); return true; }
                continue;
            }
            if (tag.equals("cpu") && !e.getParentNode().equals(root)) continue;
            e.getParentNode().removeChild(e);
            return true;
        }
        return false;
    }
}
