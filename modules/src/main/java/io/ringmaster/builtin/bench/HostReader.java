package io.ringmaster.builtin.bench;

import io.ringmaster.builtin.support.Sections;
import io.ringmaster.builtin.support.Xml;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.HostUnreachableException;
import io.ringmaster.module.api.ModuleContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the read step: at most two execs (what the host has, then the facts of every path involved).
 */
final class HostReader {

    private HostReader() {}

    static ReadOutcome read(ModuleContext ctx, BenchSpec spec)
            throws HostUnreachableException, InterruptedException {
        boolean needInUse = spec.writes() && spec.path().isPresent();
        Sections first = BenchScripts.first(spec, needInUse);
        ExecResult r1 = ctx.remote().exec(first.command(), null, StorageBenchModule.readTimeout());
        Map<String, Sections.Section> s1 = first.parse(r1.stdout());
        List<Disk> targets;
        boolean running = false;
        if (spec.domain().isPresent()) {
            String name = spec.domain().get();
            Sections.Section xml = s1.get("xml");
            if (xml == null || !xml.ok()) {
                return new ReadOutcome.Broken(
                        "domain "
                                + name
                                + " is not defined on "
                                + ctx.host()
                                + " (virsh -c "
                                + spec.uri()
                                + " dumpxml: "
                                + (xml == null ? "no answer" : xml.text().strip())
                                + "); check the name and the uri");
            }
            try {
                targets = DomainDisks.parse(xml.text());
            } catch (Xml.XmlException e) {
                return new ReadOutcome.Broken(
                        "cannot read the definition of domain "
                                + name
                                + " on "
                                + ctx.host()
                                + ": "
                                + e.getMessage());
            }
            String state = Sections.okText(s1, "state").orElse("").strip();
            running = state.equals("running") || state.equals("paused");
        } else {
            targets = List.of(Disk.ofPath(spec.path().orElseThrow(), spec.format()));
        }
        Optional<Map<Disk, String>> inUse = needInUse ? inUse(s1) : Optional.of(Map.of());
        return new ReadOutcome.Read(facts(ctx, spec, s1, targets, inUse, running));
    }

    private static HostFacts facts(
            ModuleContext ctx,
            BenchSpec spec,
            Map<String, Sections.Section> s1,
            List<Disk> targets,
            Optional<Map<Disk, String>> known,
            boolean running)
            throws HostUnreachableException, InterruptedException {
        Map<Disk, String> inUse = known.orElse(Map.of());
        List<Disk> sources = new ArrayList<>(inUse.keySet());
        Sections second = BenchScripts.second(spec.uri(), targets, sources);
        ExecResult r2 = ctx.remote().exec(second.command(), null, StorageBenchModule.readTimeout());
        Map<String, Sections.Section> s2 = second.parse(r2.stdout());
        List<PathFacts> facts = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Sections.Section s = s2.get("path:" + i);
            facts.add(PathFacts.parse(s == null ? "" : s.text()));
        }
        Map<String, String> used = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            Sections.Section s = s2.get("src:" + i);
            PathFacts p = PathFacts.parse(s == null ? "" : s.text());
            if (!p.realPath().isEmpty()) {
                used.put(p.realPath(), inUse.get(sources.get(i)));
            }
        }
        return new HostFacts(
                ctx.host(), tools(s1), uring(s1), running, targets, facts, used, known.isPresent());
    }

    /**
     * Every file, block or volume disk of every defined domain, to the domain's name; empty when
     * the domains could not be listed or a definition could not be read (a write is then refused:
     * nothing proves the target is free).
     */
    private static Optional<Map<Disk, String>> inUse(Map<String, Sections.Section> s1) {
        Sections.Section listed = s1.get("domains");
        if (listed == null || !listed.ok()) {
            return Optional.empty();
        }
        Map<Disk, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Sections.Section> e : s1.entrySet()) {
            if (!e.getKey().startsWith("dom:")) {
                continue;
            }
            if (!e.getValue().ok()) {
                return Optional.empty();
            }
            try {
                for (Disk d : DomainDisks.parse(e.getValue().text())) {
                    if (d.path().isPresent() || d.volume().isPresent()) {
                        out.putIfAbsent(d, e.getKey().substring(4));
                    }
                }
            } catch (Xml.XmlException x) {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    private static Set<Tool> tools(Map<String, Sections.Section> s1) {
        Set<Tool> out = EnumSet.noneOf(Tool.class);
        String text = Sections.okText(s1, "tools").orElse("");
        for (String line : text.split("\n")) {
            for (Tool t : Tool.values()) {
                if (line.strip().equals(t.command())) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static int uring(Map<String, Sections.Section> s1) {
        String v = Sections.okText(s1, "uring").orElse("absent").strip();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
