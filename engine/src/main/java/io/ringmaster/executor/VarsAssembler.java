package io.ringmaster.executor;

import io.ringmaster.playbook.RoleRef;
import io.ringmaster.playbook.Task;
import io.ringmaster.vars.LazyVars;
import io.ringmaster.vars.VarLayers;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one host's variables for one task, in Ansible's precedence (see {@link VarLayers}), plus
 * the magic variables: inventory_hostname, inventory_hostname_short, group_names, groups, hostvars,
 * play_hosts, ansible_play_hosts, ansible_play_hosts_all, ansible_play_batch, ansible_check_mode,
 * ansible_diff_mode, playbook_dir, role_path, role_name.
 */
final class VarsAssembler {
    private final RunContext run;

    VarsAssembler(RunContext run) {
        this.run = run;
    }

    LazyVars forTask(
            HostState host,
            PlayContext play,
            Task task,
            BlockScope scope,
            Map<String, Object> extra) {
        RoleRef role = task != null ? task.role() : null;
        VarLayers layers =
                VarLayers.ofTask(
                        new VarLayers.Sources(
                                run.options().cliDefaults(),
                                role != null ? role.defaults() : null,
                                run.inventory().varsFor(host.name),
                                host.factsLayer(),
                                play.play().vars(),
                                play.varsFilesByHost().getOrDefault(host.name, Map.of()),
                                role != null ? role.vars() : null,
                                scope.vars(),
                                task != null ? task.options().vars() : null,
                                host.registered,
                                role != null ? role.params() : null,
                                extra,
                                magic(host, play, task),
                                run.options().extraVars()));
        return layers.lazy(run.templar());
    }

    private Map<String, Object> magic(HostState host, PlayContext play, Task task) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inventory_hostname", host.name);
        m.put("inventory_hostname_short", host.name.split("\\.", 2)[0]);
        m.put(
                "group_names",
                run.inventory().groupNamesOf(host.name).stream()
                        .filter(g -> !g.equals("all"))
                        .toList());
        m.put("groups", run.inventory().groupsMagic());
        m.put("hostvars", new Hostvars());
        // As in Ansible: the play's hosts that have not failed or become unreachable; _all keeps
        // every one.
        // Built only if an expression reads it: magic variables are assembled for every host and
        // task.
        List<String> active = new ActiveHosts(play.hosts());
        m.put("play_hosts", active);
        m.put("ansible_play_hosts", active);
        m.put("ansible_play_hosts_all", play.hosts());
        m.put("ansible_play_batch", new ActiveHosts(play.batch()));
        m.put("ansible_check_mode", run.options().checkMode());
        m.put("ansible_diff_mode", run.options().diffMode());
        m.put("playbook_dir", play.play().baseDir().toAbsolutePath().toString());
        if (task != null && task.role() != null) {
            m.put("role_path", task.role().dir().toAbsolutePath().toString());
            m.put("role_name", task.role().name());
        }
        return m;
    }

    /**
     * {@code hostvars}: every host's inventory variables, facts and registered results, built when
     * read.
     */
    private final class Hostvars extends AbstractMap<String, Object> {
        @Override
        public boolean containsKey(Object key) {
            return key instanceof String s && run.inventory().host(s).isPresent();
        }

        @Override
        public Object get(Object key) {
            if (!containsKey(key)) {
                return null;
            }
            HostState other = run.host((String) key);
            VarLayers layers =
                    new VarLayers()
                            .add(run.inventory().varsFor(other.name))
                            .addData(other.factsLayer())
                            .addData(other.registered)
                            .addData(Map.of("inventory_hostname", other.name));
            return layers.lazy(run.templar());
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            run.inventory().hosts().forEach(h -> all.put(h.name(), get(h.name())));
            return all.entrySet();
        }
    }

    /** The hosts of a list that are still active, computed on first read. */
    private final class ActiveHosts extends java.util.AbstractList<String> {
        private final List<String> of;
        private List<String> active;

        ActiveHosts(List<String> of) {
            this.of = of;
        }

        private List<String> active() {
            if (active == null) {
                active = of.stream().filter(h -> run.host(h).active()).toList();
            }
            return active;
        }

        @Override
        public String get(int index) {
            return active().get(index);
        }

        @Override
        public int size() {
            return active().size();
        }
    }
}
