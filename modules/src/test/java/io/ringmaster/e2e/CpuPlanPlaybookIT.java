package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.cli.Main;
import io.ringmaster.lab.LabExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * playbooks/site.yml with cpu_plan on a lab host (this machine's libvirtd: 1 node, CPUs 0 and 1):
 * VMs without pins get the plan, the running domains show it (virsh vcpupin / emulatorpin /
 * iothreadinfo), a second run changes nothing, and appending or removing a VM leaves the others
 * where they are. Every name starts with {@link #PREFIX}; all removed after.
 */
class CpuPlanPlaybookIT {
    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(1);

    static final String PREFIX = "rmp" + ProcessHandle.current().pid() + "-";
    static final Path REPO = KvmPlaybookIT.findRepo();
    static final String URI = "qemu:///system";

    static String vm(String suffix) {
        return "      - name: "
                + PREFIX
                + suffix
                + "\n        memory_mib: 128\n        vcpus: 1\n        disks:\n"
                + "          - {dev: vda, volume: "
                + PREFIX
                + suffix
                + ".qcow2, capacity: 16M, format: qcow2, iothread: 1}\n";
    }

    static Path vars(String name, String... suffixes) throws Exception {
        StringBuilder sb =
                new StringBuilder(
                        "kvm_pool: ringmaster\nkvm_pool_path: /var/lib/libvirt/images/ringmaster\n"
                                + "kvm_cpu_overcommit: true\nkvm_cpu_other_domains: ignore\nkvm_vms:\n");
        for (String s : suffixes) {
            sb.append(vm(s).replaceAll("(?m)^    ", ""));
        }
        Path p = LAB.workDir().resolve(name + ".yml");
        Files.writeString(p, sb.toString());
        return p;
    }

    @AfterAll
    static void cleanUp() throws Exception {
        sh(
                "for d in $(virsh -c "
                        + URI
                        + " list --all --name | grep '^"
                        + PREFIX
                        + "'); do"
                        + " virsh -c "
                        + URI
                        + " destroy \"$d\" >/dev/null 2>&1; virsh -c "
                        + URI
                        + " undefine \"$d\" >/dev/null 2>&1; done;"
                        + " for v in $(virsh -c "
                        + URI
                        + " vol-list ringmaster 2>/dev/null | awk 'NR>2 {print $1}' | grep '^"
                        + PREFIX
                        + "');"
                        + " do virsh -c "
                        + URI
                        + " vol-delete --pool ringmaster \"$v\" >/dev/null 2>&1; done;"
                        + " rm -f /var/lib/ringmaster/backups/"
                        + PREFIX
                        + "*; true");
    }

    @Test
    void thePlanIsLiveOnTheRunningDomainsAndASecondRunChangesNothing() throws Exception {
        Path two = vars("two", "a", "b");
        Map<String, Object> first = play(0, "-e", "@" + two);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> plan =
                (Map<String, Map<String, Object>>)
                        task(first, "Plan CPU and memory placement").get("plan");
        assertThat(plan.get(PREFIX + "a"))
                .containsEntry("vcpu_pins", List.of("1"))
                .containsEntry("emulator_cpuset", "0")
                .containsEntry("iothread_pins", List.of("0"))
                .containsEntry("numa_node", 0)
                .containsEntry("memory_nodeset", "0");
        assertThat(plan.get(PREFIX + "b")).containsEntry("vcpu_pins", List.of("1"));
        assertThat(String.valueOf(task(first, "Plan CPU and memory placement").get("msg")))
                .contains("overcommit");
        for (String s : List.of("a", "b")) {
            String name = PREFIX + s;
            assertThat(virsh("domstate", name).strip()).isEqualTo("running");
            assertThat(virsh("vcpupin", name)).containsPattern("(?m)^\\s*0:?\\s+1\\s*$");
            assertThat(virsh("emulatorpin", name)).containsPattern("(?m)\\*:\\s+0\\s*$");
            assertThat(virsh("iothreadinfo", name)).containsPattern("(?m)^\\s*1\\s+0\\s*$");
            assertThat(virsh("numatune", name))
                    .contains("strict")
                    .containsPattern("numa_nodeset\\s*:\\s*0");
        }
        Map<String, Object> again = play(0, "-e", "@" + two, "--assert-no-changes");
        assertThat(task(again, "Define and start VMs").get("status")).isEqualTo("ok");

        String idA = virsh("domid", PREFIX + "a").strip();
        Map<String, Object> three = play(0, "-e", "@" + vars("three", "a", "b", "c"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> plan3 =
                (Map<String, Map<String, Object>>)
                        task(three, "Plan CPU and memory placement").get("plan");
        assertThat(plan3.get(PREFIX + "a")).isEqualTo(plan.get(PREFIX + "a"));
        assertThat(plan3.get(PREFIX + "b")).isEqualTo(plan.get(PREFIX + "b"));
        assertThat(virsh("domid", PREFIX + "a").strip()).as("a untouched").isEqualTo(idA);
        assertThat(virsh("vcpupin", PREFIX + "c")).containsPattern("(?m)^\\s*0:?\\s+1\\s*$");

        // removing b from kvm_vms (its domain stays, as site.yml never deletes) moves neither a nor
        // c
        Map<String, Object> fewer =
                play(0, "-e", "@" + vars("fewer", "a", "c"), "--assert-no-changes");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> planFewer =
                (Map<String, Map<String, Object>>)
                        task(fewer, "Plan CPU and memory placement").get("plan");
        assertThat(planFewer.get(PREFIX + "c")).isEqualTo(plan3.get(PREFIX + "c"));
        assertThat(planFewer.get(PREFIX + "a")).isEqualTo(plan.get(PREFIX + "a"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    static int runs;

    @SuppressWarnings("unchecked")
    static Map<String, Object> task(Map<String, Object> json, String name) {
        for (Object play : (List<Object>) json.get("plays")) {
            for (Object t : (List<Object>) ((Map<String, Object>) play).get("tasks")) {
                Map<String, Object> task = (Map<String, Object>) t;
                if (name.equals(task.get("name"))) {
                    Map<String, Object> hosts = (Map<String, Object>) task.get("hosts");
                    Map<String, Object> r = (Map<String, Object>) hosts.values().iterator().next();
                    Object data = r.get("data");
                    return data instanceof Map<?, ?> d && d.containsKey("plan")
                            ? merge(r, (Map<String, Object>) d)
                            : r;
                }
            }
        }
        throw new AssertionError("no task '" + name + "' in the report");
    }

    private static Map<String, Object> merge(Map<String, Object> r, Map<String, Object> data) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(r);
        m.putAll(data);
        return m;
    }

    static Map<String, Object> play(int wantRc, String... extra) throws Exception {
        Path json = LAB.workDir().resolve("cpu-run-" + (++runs) + ".json");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "play",
                                REPO.resolve("playbooks/site.yml").toString(),
                                "-i",
                                LAB.inventory().toString(),
                                "--known-hosts",
                                LAB.knownHosts().toString(),
                                "--templates",
                                REPO.resolve("templates").toString(),
                                "--json",
                                json.toString()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        int rc =
                Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(out, true),
                        args.toArray(String[]::new));
        assertThat(rc).as(out.toString()).isEqualTo(wantRc);
        return new Yaml().load(Files.readString(json));
    }

    static String virsh(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("virsh", "-c", URI));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static void sh(String script) throws Exception {
        new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start().waitFor();
    }
}
