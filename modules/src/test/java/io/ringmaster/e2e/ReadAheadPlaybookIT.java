package io.ringmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.lab.LabExtension;
import io.ringmaster.lab.LabHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * The read-ahead end to end: the REAL CLI over SSH to 2 lab hosts, gather_facts + preflight +
 * virt_domain (the bench job). On the no-change run each host starts ONE virsh process (setup's,
 * carrying virt_domain's read); a definition changed behind the run's back between runs is still
 * seen and put back (the read made ahead is a fresh read, not a cache).
 */
class ReadAheadPlaybookIT {
    @RegisterExtension static final LabExtension LAB = LabExtension.hosts(2);

    static final String PREFIX = "rah" + ProcessHandle.current().pid() + "-";
    static final String LOG = "/tmp/ringmaster-virsh-calls";

    static final String PLAYBOOK = benchJob(PREFIX);

    /** The bench job (bench/playbooks/kvm.yml) with domains named {@code prefix + host}. */
    static String benchJob(String prefix) {
        return """
            - hosts: hypervisors
              gather_facts: true
              tasks:
                - name: Preflight
                  preflight:
                - name: Domain
                  virt_domain:
                    name: "%1$s${inventory_hostname}"
                    template: domain-io_uring.xml.vm
                    state: defined
                    vars:
                      name: "%1$s${inventory_hostname}"
                      memory_mib: 128
                      vcpus: 1
                      emulator_cpuset: '0'
                      iothreads: [{cpuset: '0'}]
                      disks:
                        - {dev: vda, format: raw, iothread: 1, path: "/var/lib/libvirt/images/%1$s${inventory_hostname}.raw"}
            """
                .formatted(prefix);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (LabHost h : LAB.hosts()) {
            KvmPlaybookIT.virsh("undefine", "--domain", PREFIX + h.name());
        }
    }

    private static Cli.Run play(Path pb, Path json, String... extra) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "play",
                                pb.toString(),
                                "-i",
                                LAB.writeInventory("").toString(),
                                "--known-hosts",
                                LAB.knownHosts().toString(),
                                "--templates",
                                KvmPlaybookIT.REPO.resolve("templates").toString(),
                                "--json",
                                json.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    private static int changed(Path json, String host) throws Exception {
        Map<String, Object> report = new Yaml().load(Files.readString(json));
        Map<String, Object> stats = (Map<String, Object>) report.get("stats");
        return ((Number) ((Map<String, Object>) stats.get(host)).get("changed")).intValue();
    }

    @Test
    void theNoChangeRunStartsOneVirshPerHostAndDriftIsStillSeen() throws Exception {
        Path work = LAB.workDir();
        Path pb = Files.writeString(work.resolve("read-ahead.yml"), PLAYBOOK);
        for (LabHost h : LAB.hosts()) {
            // every virsh the run starts on the host is logged, then run as it is
            h.exec(
                    "sh",
                    "-c",
                    "printf '#!/bin/sh\\necho \"$*\" >>"
                            + LOG
                            + "\\nexec /usr/bin/virsh \"$@\"\\n' > /usr/local/bin/virsh;"
                            + " chmod 755 /usr/local/bin/virsh");
        }
        Cli.Run first = play(pb, work.resolve("ra-1.json"));
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        for (LabHost h : LAB.hosts()) {
            assertThat(changed(work.resolve("ra-1.json"), h.name())).isEqualTo(1);
            h.exec("rm", "-f", LOG);
        }
        Cli.Run second = play(pb, work.resolve("ra-2.json"), "--assert-no-changes");
        assertThat(second.code()).as(second.out() + second.err()).isZero();
        for (LabHost h : LAB.hosts()) {
            List<String> calls = h.exec("cat", LOG).lines().toList();
            assertThat(calls).as("virsh processes on " + h.name()).hasSize(1);
            assertThat(calls.get(0))
                    .contains("version --daemon", "dumpxml --inactive", PREFIX + h.name());
        }
        String drifted = PREFIX + LAB.hosts().get(0).name();
        KvmPlaybookIT.virsh("setmaxmem", "--domain", drifted, "--size", "256M", "--config");
        Cli.Run third = play(pb, work.resolve("ra-3.json"));
        assertThat(third.code()).as(third.out() + third.err()).isZero();
        assertThat(changed(work.resolve("ra-3.json"), LAB.hosts().get(0).name())).isEqualTo(1);
        assertThat(changed(work.resolve("ra-3.json"), LAB.hosts().get(1).name())).isZero();
        assertThat(KvmPlaybookIT.virsh("dumpxml", "--inactive", "--domain", drifted))
                .contains("<memory unit='KiB'>131072</memory>");
    }
}
