package io.ringmaster.builtin.virt;

import io.ringmaster.builtin.fixtures.LocalRemote;
import io.ringmaster.builtin.support.Xml;
import io.ringmaster.builtin.virt.CorpusEdits.Edit;
import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.ModuleResult;
import io.ringmaster.module.api.Shell;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The corpus scenario for ONE definition on the real local libvirtd: adopt (plain {@code virsh
 * define}, then virt_domain with the same XML: ok), converge (virt_domain defines it afresh:
 * changed, re-run: ok), mutate (memory, a disk's cache/io, vCPUs, a pin: changed once, value in
 * {@code dumpxml --inactive}, re-run ok) and remove one element (changed once, gone or reported as
 * a libvirt default, re-run ok). Never starts the domain.
 */
final class CorpusRun {
    static final String URI = "qemu:///system";
    static final List<String> STEPS =
            List.of(
                    "adopt",
                    "converge",
                    "mutate memory",
                    "mutate disk cache/io",
                    "mutate vcpus",
                    "mutate pin",
                    "remove");

    /** What went wrong in one step. */
    enum Kind {
        FALSE_CHANGE,
        FAILED,
        NOT_HELD,
        UNSEEN,
        SETUP
    }

    record Problem(String definition, String step, Kind kind, String message) {
        @Override
        public String toString() {
            return definition
                    + " "
                    + step
                    + ": "
                    + kind.name().toLowerCase().replace('_', ' ')
                    + ": "
                    + message;
        }
    }

    /** Per step: null when the definition has no such step, else whether it held. */
    record Outcome(
            String name, Map<String, Boolean> steps, String removal, List<Problem> problems) {}

    private final CorpusDefinition def;
    private final LocalRemote remote = new LocalRemote();
    private final Map<String, Boolean> steps = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private String removal = "";

    CorpusRun(CorpusDefinition def) {
        this.def = def;
        STEPS.forEach(s -> steps.put(s, null));
    }

    Outcome run(int index) {
        try {
            prepare();
            adopt();
            converge();
            Element template = def.root();
            mutate("mutate memory", CorpusEdits.memory(template));
            mutate("mutate disk cache/io", CorpusEdits.diskCache(template));
            mutate("mutate vcpus", CorpusEdits.vcpus(template));
            mutate("mutate pin", CorpusEdits.pin(template));
            remove(template, index);
        } catch (Exception e) {
            problem("setup", Kind.SETUP, e.toString());
        } finally {
            cleanUp();
        }
        return new Outcome(def.name(), steps, removal, List.copyOf(problems));
    }

    private void adopt() throws Exception {
        ExecResult r =
                remote.exec(
                        "T=$(mktemp /tmp/rmc-corpus.XXXXXX) || exit 1; cat > \"$T\"; virsh -c "
                                + URI
                                + " define --file \"$T\"; rc=$?; rm -f \"$T\"; exit $rc",
                        def.xml().getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(60));
        if (!r.ok()) {
            problem("adopt", Kind.SETUP, "plain virsh define failed: " + r.stderr().strip());
            steps.put("adopt", false);
            return;
        }
        steps.put("adopt", expectOk("adopt", def.xml()));
    }

    private void converge() throws Exception {
        sh(
                "virsh -c "
                        + URI
                        + " undefine --domain "
                        + Shell.quote(def.name())
                        + " >/dev/null 2>&1; true");
        boolean defined = expectChanged("converge", def.xml(), d -> true, false);
        steps.put("converge", defined && expectOk("converge", def.xml()));
    }

    private void mutate(String step, Edit edit) throws Exception {
        if (edit == null) {
            return;
        }
        boolean changed = expectChanged(step, edit.xml(), edit.holds(), false);
        steps.put(step, changed && expectOk(step + " (re-run)", edit.xml()));
    }

    /**
     * Removes one kind the template has, chosen by the definition's index so that every kind gets
     * tried.
     */
    private void remove(Element template, int index) throws Exception {
        List<String> kinds = CorpusEdits.removable(template);
        if (kinds.isEmpty()) {
            return;
        }
        removal = kinds.get(index % kinds.size());
        Edit edit = CorpusEdits.remove(template, removal);
        boolean seen = expectChanged("remove " + removal, edit.xml(), edit.holds(), true);
        steps.put("remove", seen && expectOk("remove " + removal + " (re-run)", edit.xml()));
    }

    private boolean expectOk(String step, String xml) {
        ModuleResult r = apply(xml);
        if (r instanceof ModuleResult.Ok) {
            return true;
        }
        problem(step, r instanceof ModuleResult.Changed ? Kind.FALSE_CHANGE : Kind.FAILED, r.msg());
        return false;
    }

    /**
     * A Changed result after which libvirt's definition passes {@code holds}; for a removal also a
     * result (Changed or Ok) that reports the element as a libvirt default.
     */
    private boolean expectChanged(
            String step, String xml, java.util.function.Predicate<Element> holds, boolean removal)
            throws Exception {
        ModuleResult r = apply(xml);
        if (removal && r instanceof ModuleResult.Ok && mentionsDefault(r)) {
            return true; // not redefined because libvirt would put the same default back, and the
            // result says so
        }
        if (!(r instanceof ModuleResult.Changed)) {
            problem(step, r instanceof ModuleResult.Ok ? Kind.UNSEEN : Kind.FAILED, r.msg());
            return false;
        }
        String dump =
                sh("virsh -c " + URI + " dumpxml --inactive --domain " + Shell.quote(def.name()));
        if (dump.isBlank() || !holds.test(Xml.parse(dump).getDocumentElement())) {
            if (removal && mentionsDefault(r)) {
                return true;
            }
            problem(
                    step,
                    Kind.NOT_HELD,
                    "changed, but dumpxml --inactive does not show it; result: " + r.msg());
            return false;
        }
        return true;
    }

    private static boolean mentionsDefault(ModuleResult r) {
        return r.msg() != null && r.msg().toLowerCase(java.util.Locale.ROOT).contains("default");
    }

    private ModuleResult apply(String xml) {
        VirtDomainModule m = new VirtDomainModule();
        try {
            return m.run(
                    Contexts.of(m, Map.of("name", def.name(), "xml", xml), remote, false, true));
        } catch (Exception | AssertionError e) {
            return new ModuleResult.Failed("exception " + e, Map.of());
        }
    }

    private void prepare() throws Exception {
        StringBuilder sb =
                new StringBuilder(
                        "virsh -c "
                                + URI
                                + " undefine --domain "
                                + Shell.quote(def.name())
                                + " >/dev/null 2>&1; mkdir -p "
                                + CorpusDefinition.IMAGES);
        for (String f : def.diskFiles()) {
            sb.append(
                    f.endsWith(".qcow2")
                            ? " && qemu-img create -q -f qcow2 " + Shell.quote(f) + " 16M"
                            : " && truncate -s 16M " + Shell.quote(f));
        }
        ExecResult r = remote.exec(sb.toString(), null, Duration.ofSeconds(60));
        if (!r.ok()) {
            throw new IllegalStateException("cannot create the disk files: " + r.stderr().strip());
        }
    }

    private void cleanUp() {
        StringBuilder sb =
                new StringBuilder(
                        "virsh -c "
                                + URI
                                + " undefine --domain "
                                + Shell.quote(def.name())
                                + " >/dev/null 2>&1; rm -f "
                                + Shell.quote("/var/lib/ringmaster/backups/" + def.name())
                                + ".*");
        def.diskFiles().forEach(f -> sb.append(' ').append(Shell.quote(f)));
        try {
            remote.exec(sb.toString(), null, Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String sh(String cmd) throws InterruptedException {
        return remote.exec(cmd, null, Duration.ofSeconds(60)).stdout();
    }

    private void problem(String step, Kind kind, String message) {
        String m = message == null ? "" : message.strip().replace('\n', ' ');
        problems.add(
                new Problem(
                        def.name(),
                        step,
                        kind,
                        m.length() > 8000 ? m.substring(0, 8000) + "..." : m));
    }
}
