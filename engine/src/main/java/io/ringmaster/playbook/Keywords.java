package io.ringmaster.playbook;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keywords the loader knows: what plays, tasks, blocks and role entries accept, and the Ansible
 * keywords Ringmaster deliberately refuses (each with a hint saying what to do instead).
 */
final class Keywords {
    private Keywords() {}

    static final List<String> PLAY =
            List.of(
                    "name",
                    "hosts",
                    "vars",
                    "vars_files",
                    "gather_facts",
                    "become",
                    "become_user",
                    "serial",
                    "max_fail_percentage",
                    "any_errors_fatal",
                    "strategy",
                    "tags",
                    "pre_tasks",
                    "roles",
                    "tasks",
                    "post_tasks",
                    "handlers",
                    "no_log");

    /** Every key of a task that is not its module. */
    static final List<String> TASK =
            List.of(
                    "name",
                    "when",
                    "loop",
                    "with_items",
                    "with_list",
                    "loop_control",
                    "register",
                    "notify",
                    "changed_when",
                    "failed_when",
                    "ignore_errors",
                    "tags",
                    "check_mode",
                    "until",
                    "retries",
                    "delay",
                    "vars",
                    "become",
                    "become_user",
                    "listen",
                    "args",
                    "timeout",
                    "no_log");

    static final List<String> BLOCK =
            List.of(
                    "block",
                    "rescue",
                    "always",
                    "name",
                    "when",
                    "tags",
                    "vars",
                    "become",
                    "become_user",
                    "ignore_errors",
                    "check_mode",
                    "no_log");

    /**
     * The task keywords an include (import_tasks, include_role, ...) accepts besides its module
     * key.
     */
    static final List<String> INCLUDE =
            List.of("name", "when", "tags", "vars", "become", "become_user", "no_log");

    /** Keys of a roles: entry that are not role parameters. */
    static final List<String> ROLE_ENTRY =
            List.of("role", "name", "when", "tags", "vars", "become", "become_user", "no_log");

    static final List<String> INCLUDE_ROLE_ARGS =
            List.of("name", "tasks_from", "vars_from", "defaults_from", "handlers_from");

    static final List<String> LOOP_CONTROL = List.of("loop_var", "label");

    static final List<String> META =
            List.of("dependencies", "allow_duplicates", "galaxy_info", "argument_specs");

    static final Set<String> INCLUDE_TASKS = Set.of("include_tasks", "import_tasks");

    static final Set<String> INCLUDE_ROLE = Set.of("include_role", "import_role");

    private static final String ONE_HOST =
            "Ringmaster runs each task on its own host; remove it (use a play on "
                    + "'localhost' for local work)";
    private static final String INVENTORY =
            "connection settings come from the inventory (ansible_user, "
                    + "ansible_port, ...); remove it here";
    private static final String SUDO = "Ringmaster escalates with sudo only; remove it";

    static final Map<String, String> UNSUPPORTED_TASK =
            Map.ofEntries(
                    Map.entry("delegate_to", ONE_HOST),
                    Map.entry("delegate_facts", ONE_HOST),
                    Map.entry("local_action", ONE_HOST),
                    Map.entry("run_once", ONE_HOST),
                    Map.entry(
                            "action", "write the module as the task's key, e.g. 'command: uptime'"),
                    Map.entry(
                            "include",
                            "use 'import_tasks: FILE' (files are included at load time)"),
                    Map.entry(
                            "environment",
                            "set the variables in the command itself, e.g. 'command: env FOO=bar cmd'"),
                    Map.entry("async", "tasks run synchronously; remove async/poll"),
                    Map.entry("poll", "tasks run synchronously; remove async/poll"),
                    Map.entry("become_method", SUDO),
                    Map.entry("become_flags", SUDO),
                    Map.entry("become_exe", SUDO),
                    Map.entry("connection", INVENTORY),
                    Map.entry("remote_user", INVENTORY),
                    Map.entry("port", INVENTORY),
                    Map.entry(
                            "throttle",
                            "remove it; use the play's 'serial' to limit how many hosts run at once"),
                    Map.entry("any_errors_fatal", "set 'any_errors_fatal' on the play"),
                    Map.entry(
                            "ignore_unreachable", "remove it; an unreachable host leaves the play"),
                    Map.entry("debugger", "remove it"),
                    Map.entry("diff", "use the command line's --diff"),
                    Map.entry("collections", "remove it; modules are named without collection"),
                    Map.entry("module_defaults", "give the arguments on each task"));

    static final Map<String, String> UNSUPPORTED_PLAY =
            Map.ofEntries(
                    Map.entry("connection", INVENTORY),
                    Map.entry("remote_user", INVENTORY),
                    Map.entry("port", INVENTORY),
                    Map.entry("environment", "set the variables in the commands themselves"),
                    Map.entry(
                            "gather_subset",
                            "remove it; facts are gathered whole ('gather_facts: false' to skip)"),
                    Map.entry("gather_timeout", "remove it"),
                    Map.entry("fact_path", "remove it"),
                    Map.entry("order", "remove it; hosts run in inventory order"),
                    Map.entry("force_handlers", "remove it"),
                    Map.entry("collections", "remove it; modules are named without collection"),
                    Map.entry("module_defaults", "give the arguments on each task"),
                    Map.entry("vars_prompt", "pass the values with -e instead"),
                    Map.entry("become_method", SUDO),
                    Map.entry("become_flags", SUDO),
                    Map.entry("become_exe", SUDO),
                    Map.entry("run_once", ONE_HOST),
                    Map.entry("throttle", "use 'serial' instead"),
                    Map.entry("debugger", "remove it"),
                    Map.entry("check_mode", "use the command line's --check"),
                    Map.entry("diff", "use the command line's --diff"),
                    Map.entry("ignore_errors", "set 'ignore_errors' on the tasks or on a block"),
                    Map.entry(
                            "ignore_unreachable", "remove it; an unreachable host leaves the play"),
                    Map.entry("timeout", "remove it"));

    /** Strips {@code ansible.builtin.} and {@code ansible.legacy.}. */
    static String shortName(String module) {
        for (String prefix : List.of("ansible.builtin.", "ansible.legacy.")) {
            if (module.startsWith(prefix)) {
                return module.substring(prefix.length());
            }
        }
        return module;
    }
}
