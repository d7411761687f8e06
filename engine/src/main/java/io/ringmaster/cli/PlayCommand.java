package io.ringmaster.cli;

import io.ringmaster.connection.ConnectionOptions;
import io.ringmaster.error.UserError;
import io.ringmaster.event.Listeners;
import io.ringmaster.event.RunListener;
import io.ringmaster.executor.ModuleRegistry;
import io.ringmaster.executor.PlaybookRunner;
import io.ringmaster.executor.RunOptions;
import io.ringmaster.executor.RunOutcome;
import io.ringmaster.executor.Validator;
import io.ringmaster.inventory.Inventory;
import io.ringmaster.playbook.Playbook;
import io.ringmaster.playbook.PlaybookLoader;
import io.ringmaster.report.ConsoleReporter;
import io.ringmaster.report.JsonReporter;
import io.ringmaster.report.JunitReporter;
import io.ringmaster.report.Visible;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ringmaster play PLAYBOOK... -i INVENTORY}: the ansible-playbook of Ringmaster. */
@Command(
        name = "play",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Run playbooks against an inventory (like ansible-playbook).",
        exitCodeListHeading = "%nExit codes:%n")
public final class PlayCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "PLAYBOOK",
            description = "Playbook files, run in order.")
    List<Path> playbooks;

    @Option(
            names = {"-i", "--inventory"},
            paramLabel = "INVENTORY",
            description = "Inventory file, directory or comma-separated host list (repeatable).")
    List<String> inventories = new ArrayList<>();

    @Option(
            names = {"-e", "--extra-vars"},
            paramLabel = "VARS",
            description = "key=value, @file.yml or a YAML map; highest precedence (repeatable).")
    List<String> extraVars = new ArrayList<>();

    @Option(
            names = {"-C", "--check"},
            description = "Predict changes, change nothing.")
    boolean check;

    @Option(
            names = {"-D", "--diff"},
            description = "Show before/after of what changes.")
    boolean diff;

    @Option(
            names = {"-l", "--limit"},
            paramLabel = "PATTERN",
            description =
                    "Further limit hosts to a pattern, or to the hosts listed in @FILE (one per line).")
    String limit;

    @Option(
            names = "--retry",
            paramLabel = "FILE",
            description =
                    "Write the hosts that failed or were unreachable to FILE (re-run them with --limit @FILE).")
    Path retry;

    @Option(
            names = {"-t", "--tags"},
            split = ",",
            paramLabel = "TAGS",
            description = "Run only tasks with these tags.")
    List<String> tags = new ArrayList<>();

    @Option(
            names = "--skip-tags",
            split = ",",
            paramLabel = "TAGS",
            description = "Skip tasks with these tags.")
    List<String> skipTags = new ArrayList<>();

    @Option(
            names = {"-f", "--forks"},
            paramLabel = "N",
            description = "Hosts worked on at once (default: forks of ansible.cfg, else 50).")
    Integer forks;

    @Option(
            names = {"-u", "--user"},
            paramLabel = "USER",
            description =
                    "SSH user for hosts without ansible_user (default: remote_user of ansible.cfg).")
    String remoteUser;

    @Option(
            names = "--private-key",
            paramLabel = "FILE",
            description =
                    "Private key for hosts without ansible_ssh_private_key_file (default: private_key_file).")
    String privateKey;

    @Option(
            names = {"-b", "--become"},
            description = "Become (sudo) where plays, tasks and inventory do not say.")
    boolean become;

    @Option(
            names = "--become-user",
            paramLabel = "USER",
            description =
                    "Become this user (default root) where "
                            + "plays, tasks and inventory do not say.")
    String becomeUser;

    @Option(
            names = "--start-at-task",
            paramLabel = "NAME",
            description = "Start at the first task of this name.")
    String startAtTask;

    @Option(
            names = {"-c", "--connection"},
            paramLabel = "TYPE",
            description = "Connection for hosts without ansible_connection: ssh or local.")
    String connection;

    @Option(names = "-v", description = "More output (repeat: -vv, -vvv).")
    boolean[] verbose = new boolean[0];

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "Write every task result per host as JSON.")
    Path json;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description = "Write JUnit XML (one testcase per host and task).")
    Path junit;

    @Option(
            names = "--assert-no-changes",
            description = "Exit 8 if any task changed something (CI drift gate).")
    boolean assertNoChanges;

    @Option(
            names = "--unpredictable-as-changed",
            description =
                    "With --check --assert-no-changes: count tasks "
                            + "skipped because their module cannot predict its result as changes (exit 8).")
    boolean unpredictableAsChanged;

    @Option(names = "--syntax-check", description = "Load and validate the playbooks, run nothing.")
    boolean syntaxCheck;

    @Option(names = "--list-hosts", description = "List each play's hosts, run nothing.")
    boolean listHosts;

    @Option(names = "--list-tasks", description = "List each play's tasks, run nothing.")
    boolean listTasks;

    @Option(
            names = "--known-hosts",
            paramLabel = "FILE",
            description = "known_hosts file (default ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(
            names = "--accept-new-host-keys",
            description = "Trust and record unknown host keys (changed keys are still refused).")
    boolean acceptNewHostKeys;

    @Option(
            names = "--ssh-config",
            paramLabel = "FILE",
            description = "ssh config file (default ~/.ssh/config).")
    Path sshConfig;

    @Option(
            names = {"-T", "--timeout", "--connect-timeout"},
            paramLabel = "SECONDS",
            description = "Per connection attempt (default: timeout of ansible.cfg, else 10).")
    Integer connectTimeout;

    @Option(
            names = "--key-passphrase-env",
            paramLabel = "NAME",
            description = "Environment variable holding the private key's passphrase.")
    String passphraseEnv;

    @Option(
            names = "--ask-key-passphrase",
            description = "Ask for the private key's passphrase (once per run).")
    boolean askKeyPassphrase;

    @Option(
            names = {"-k", "--ask-pass"},
            description = "Ask for the SSH password (password login only when asked for).")
    boolean askPass;

    @Option(
            names = {"-K", "--ask-become-pass"},
            description = "Ask for the sudo password.")
    boolean askBecomePass;

    @Option(
            names = "--templates",
            paramLabel = "DIR",
            description = "The project's templates/ folder.")
    Path templates;

    @Override
    public Integer call() throws Exception {
        try {
            AnsibleConfig cfg = configure();
            ModuleRegistry registry = ModuleRegistry.discover();
            Loaded loaded = load(cfg, registry);
            checkTargets(loaded.inventory());
            RunOptions options = options(loaded.extra());
            if (syntaxCheck || listHosts || listTasks) {
                new Listing(spec.commandLine().getOut(), loaded.inventory(), options)
                        .print(loaded.playbooks(), syntaxCheck, listHosts, listTasks);
                return ExitCodes.OK;
            }
            return run(loaded.playbooks(), loaded.inventory(), registry, options);
        } catch (Exit e) {
            return e.code;
        }
    }

    /** Ends the command before anything runs: its message is printed, {@code code} is the exit. */
    private static final class Exit extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    private Exit exit(int code, String message) {
        spec.commandLine().getErr().println("ERROR! " + message);
        return new Exit(code);
    }

    /** What was loaded and validated before any host is contacted. */
    private record Loaded(
            Inventory inventory, List<Playbook> playbooks, Map<String, Object> extra) {}

    /** Step 1: ansible.cfg and the environment fill the options the command line left out. */
    private AnsibleConfig configure() throws Exit {
        AnsibleConfig cfg;
        try {
            cfg = AnsibleConfig.load(System.getenv());
            applyConfig(cfg);
        } catch (IllegalArgumentException e) {
            throw exit(ExitCodes.BAD_OPTIONS, e.getMessage());
        }
        if (forks < 1) {
            throw exit(ExitCodes.BAD_OPTIONS, "--forks must be at least 1, not " + forks);
        }
        return cfg;
    }

    /** Step 2: inventory, extra vars and playbooks loaded, and every task validated. */
    private Loaded load(AnsibleConfig cfg, ModuleRegistry registry) throws Exit {
        try {
            Inventory inventory =
                    inventories.isEmpty() ? Inventory.empty() : Inventory.load(inventories);
            Map<String, Object> extra = ExtraVars.parse(extraVars);
            limit = RetryFile.pattern(limit);
            List<Playbook> loaded = new ArrayList<>();
            for (Path p : playbooks) {
                loaded.add(PlaybookLoader.load(p, rolesPath(cfg)));
            }
            List<UserError> problems = new ArrayList<>();
            Validator validator = new Validator(registry);
            loaded.forEach(pb -> problems.addAll(validator.validate(pb)));
            if (!problems.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                problems.forEach(e -> err.println("ERROR! " + Visible.of(e.getMessage())));
                err.println(problems.size() + " error(s); nothing was run.");
                throw new Exit(ExitCodes.PLAYBOOK_ERROR);
            }
            return new Loaded(inventory, loaded, extra);
        } catch (UserError e) {
            throw exit(ExitCodes.PLAYBOOK_ERROR, Visible.of(e.getMessage()));
        }
    }

    /** Step 3: --limit matches a host, and every report can be written. */
    private void checkTargets(Inventory inventory) throws Exit {
        if (limit != null && inventory.select(limit).isEmpty()) {
            throw exit(
                    ExitCodes.BAD_OPTIONS,
                    "--limit '"
                            + limit
                            + "' matches no host of the inventory; nothing was run"
                            + "\n  hint: check the pattern with `ringmaster inventory -i INVENTORY --graph`");
        }
        for (Path report : new Path[] {json, junit, retry}) {
            String problem = report == null ? null : ReportPaths.problem(report);
            if (problem != null) {
                throw exit(ExitCodes.BAD_OPTIONS, problem + "; nothing was run");
            }
        }
    }

    /** Step 4: the run's options; -b and --become-user are defaults for every host. */
    private RunOptions options(Map<String, Object> extra) {
        Map<String, Object> cliDefaults = new java.util.LinkedHashMap<>();
        if (become) {
            cliDefaults.put("ansible_become", true);
        }
        if (becomeUser != null) {
            cliDefaults.put("ansible_become_user", becomeUser);
        }
        return new RunOptions(
                check,
                diff,
                forks,
                limit,
                Set.copyOf(tags),
                Set.copyOf(skipTags),
                extra,
                templatesDir(),
                cliDefaults,
                startAtTask);
    }

    /** Step 5: the run itself, reported to the console and the report files. */
    private int run(
            List<Playbook> loaded, Inventory inventory, ModuleRegistry registry, RunOptions options)
            throws Exception {
        // The run's console output goes to the command line's out writer (standard output under
        // main(), a
        // captured writer in tests), like every other command's output.
        PrintStream stdout =
                new PrintStream(
                        new WriterOutputStream(spec.commandLine().getOut()),
                        true,
                        java.nio.charset.StandardCharsets.UTF_8);
        List<RunListener> listeners = new ArrayList<>();
        listeners.add(new ConsoleReporter(stdout, Terminal.colour(), verbose.length));
        if (json != null) {
            listeners.add(new JsonReporter(json));
        }
        if (junit != null) {
            listeners.add(new JunitReporter(junit));
        }
        Unpredictable unpredictable = new Unpredictable();
        listeners.add(unpredictable);
        AtomicBoolean stop = new AtomicBoolean();
        RunListener events = new FinishOnce(new Listeners(listeners));
        try (Connector connector = new Connector(connectionOptions(), connectionDefaults())) {
            PlaybookRunner runner =
                    new PlaybookRunner(inventory, registry, connector, events, options);
            Interrupts.install(
                    () -> stop.set(true),
                    () -> {
                        Map<String, io.ringmaster.event.HostStats> done = runner.finishNow();
                        stdout.flush();
                        if (done != null) {
                            writeRetry(done);
                        }
                    },
                    message -> events.on(new io.ringmaster.event.RunEvent.Notice(message)));
            RunOutcome outcome = runner.run(loaded, stop);
            stdout.flush();
            writeRetry(outcome.stats());
            return exitCode(outcome, unpredictable);
        }
    }

    /** Step 6: the outcome as an exit code (worst first, as ansible-playbook's). */
    private int exitCode(RunOutcome outcome, Unpredictable unpredictable) {
        if (outcome.interrupted()) {
            return ExitCodes.INTERRUPTED;
        }
        if (outcome.playbookError()) {
            return ExitCodes.PLAYBOOK_ERROR;
        }
        if (outcome.anyFailed()) {
            return ExitCodes.HOST_FAILED;
        }
        if (outcome.anyUnreachable()) {
            return ExitCodes.HOST_UNREACHABLE;
        }
        if (assertNoChanges && outcome.anyChanged()) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "ERROR! --assert-no-changes: the run changed something "
                                    + "(see 'changed' above); the hosts had drifted from the playbook");
            return ExitCodes.CHANGES_SEEN;
        }
        return assertNoChanges ? unpredictable(unpredictable) : ExitCodes.OK;
    }

    /** ansible.cfg and ANSIBLE_ and RINGMASTER_ variables fill what the command line left out. */
    private void applyConfig(AnsibleConfig cfg) {
        if (inventories.isEmpty()) {
            inventories.addAll(cfg.paths("inventory", ","));
        }
        forks = forks != null ? forks : cfg.integer("forks").orElse(50);
        connectTimeout =
                connectTimeout != null ? connectTimeout : cfg.integer("timeout").orElse(10);
        remoteUser = remoteUser != null ? remoteUser : cfg.get("remote_user").orElse(null);
        privateKey =
                privateKey != null
                        ? privateKey
                        : cfg.paths("private_key_file", ",").stream().findFirst().orElse(null);
        // host_key_checking = False: trust unknown keys on first use (recorded); a changed key is
        // still refused
        if (cfg.bool("host_key_checking").filter(b -> !b).isPresent()) {
            acceptNewHostKeys = true;
        }
    }

    private static List<Path> rolesPath(AnsibleConfig cfg) {
        List<Path> out = new ArrayList<>();
        for (String s : cfg.paths("roles_path", ":")) {
            out.add(Path.of(s));
        }
        return out;
    }

    /**
     * Connection variables for hosts that do not set them: -u, --private-key, -c (host variables
     * win, as in Ansible).
     */
    private Map<String, Object> connectionDefaults() {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        if (remoteUser != null) {
            d.put("ansible_user", remoteUser);
        }
        if (privateKey != null) {
            d.put("ansible_ssh_private_key_file", privateKey);
        }
        if (connection != null) {
            d.put("ansible_connection", connection);
        }
        return d;
    }

    /**
     * --assert-no-changes saw no change: say what --check could not see, and fail on it when asked.
     */
    private int unpredictable(Unpredictable u) {
        if (u.count() == 0) {
            return ExitCodes.OK;
        }
        String what =
                u.count()
                        + " task result(s) were skipped under --check because their module cannot predict"
                        + " its result (first: "
                        + u.first()
                        + "), so they may change something";
        if (unpredictableAsChanged) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "ERROR! --assert-no-changes: "
                                    + what
                                    + "; counted as changes (--unpredictable-as-changed)");
            return ExitCodes.CHANGES_SEEN;
        }
        spec.commandLine()
                .getErr()
                .println(
                        "[WARNING]: --assert-no-changes: "
                                + what
                                + ". Give such tasks creates/removes, or check_mode: false when they only read,"
                                + " or --unpredictable-as-changed to count them as changes.");
        return ExitCodes.OK;
    }

    private void writeRetry(Map<String, io.ringmaster.event.HostStats> stats) {
        if (retry == null) {
            return;
        }
        try {
            List<String> hosts = RetryFile.write(retry, stats);
            if (!hosts.isEmpty()) {
                spec.commandLine().getErr().println("to retry, use: --limit @" + retry);
            }
        } catch (java.io.IOException e) {
            spec.commandLine()
                    .getErr()
                    .println("ERROR! cannot write the retry file " + retry + ": " + e.getMessage());
        }
    }

    private Path templatesDir() {
        if (templates != null) {
            return templates;
        }
        String home = System.getProperty("ringmaster.home");
        return home != null ? Path.of(home, "templates") : Path.of("templates");
    }

    private ConnectionOptions connectionOptions() {
        ConnectionOptions d = ConnectionOptions.defaults();
        char[] password = askPass ? Terminal.secret("SSH password: ") : null;
        char[] becomePass = askBecomePass ? Terminal.secret("BECOME password: ") : null;
        char[] keyPass = askKeyPassphrase ? Terminal.secret("Private key passphrase: ") : null;
        return new ConnectionOptions(
                acceptNewHostKeys,
                knownHosts != null ? knownHosts : d.knownHosts(),
                sshConfig != null ? sshConfig : d.sshConfig(),
                Duration.ofSeconds(connectTimeout),
                d.connectRetries(),
                passphraseEnv,
                password,
                becomePass,
                keyPass);
    }
}
