package io.ringmaster.executor;

import io.ringmaster.error.UserError;
import io.ringmaster.inventory.Inventory;
import io.ringmaster.playbook.Playbook;
import io.ringmaster.playbook.PlaybookLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a playbook written in a test against fake modules and a fake connector, the real executor in
 * between, and keeps what happened: the events, the module calls, the commands each host saw.
 */
final class Harness {
    final Path dir;
    final FakeModules modules = new FakeModules();
    final FakeConnector connector = new FakeConnector();
    private String inventory = "localhost,";
    private boolean withSetup;
    private boolean check;
    private int forks = 10;
    private String limit;
    private final Set<String> tags = new LinkedHashSet<>();
    private final Set<String> skipTags = new LinkedHashSet<>();
    private final Map<String, Object> extraVars = new LinkedHashMap<>();

    Harness(Path dir) {
        this.dir = dir;
    }

    /** An INI inventory (written to a file), or a comma-separated host list ending in a comma. */
    Harness inventory(String text) {
        if (text.endsWith(",") && !text.contains("\n")) {
            inventory = text;
        } else {
            inventory = write("hosts.ini", text).toString();
        }
        return this;
    }

    Harness hosts(String... names) {
        return inventory(String.join(",", names) + ",");
    }

    Harness withSetup() {
        withSetup = true;
        return this;
    }

    /** With the read-ahead modules of {@link ReadAheadModules}, and their setup. */
    Harness withReadAheads() {
        modules.readAheads = true;
        withSetup = true;
        return this;
    }

    Harness check() {
        check = true;
        return this;
    }

    Harness forks(int n) {
        forks = n;
        return this;
    }

    Harness limit(String pattern) {
        limit = pattern;
        return this;
    }

    Harness tags(String... t) {
        tags.addAll(List.of(t));
        return this;
    }

    Harness skipTags(String... t) {
        skipTags.addAll(List.of(t));
        return this;
    }

    Harness extra(String name, Object value) {
        extraVars.put(name, value);
        return this;
    }

    Harness unreachable(String... hosts) {
        connector.unreachable(hosts);
        return this;
    }

    Path write(String name, String text) {
        Path p = dir.resolve(name);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    Playbook load(String playbookYaml) {
        return PlaybookLoader.load(write("play.yml", playbookYaml), List.of());
    }

    List<UserError> validate(String playbookYaml) {
        return new Validator(modules.registry(withSetup)).validate(load(playbookYaml));
    }

    /** Loads, validates (failing the test on any error) and runs the playbook. */
    Result run(String playbookYaml) {
        Playbook pb = load(playbookYaml);
        ModuleRegistry registry = modules.registry(withSetup);
        List<UserError> errors = new Validator(registry).validate(pb);
        if (!errors.isEmpty()) {
            throw new AssertionError("validation failed: " + errors);
        }
        RecordingListener events = new RecordingListener();
        RunOptions options =
                new RunOptions(
                        check,
                        false,
                        forks,
                        limit,
                        tags,
                        skipTags,
                        extraVars,
                        dir.resolve("templates"));
        Inventory inv = Inventory.load(List.of(inventory));
        try {
            RunOutcome outcome =
                    new PlaybookRunner(inv, registry, connector, events, options)
                            .run(List.of(pb), modules.stopFlag);
            return new Result(events, outcome, modules, connector);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record Result(
            RecordingListener events,
            RunOutcome outcome,
            FakeModules modules,
            FakeConnector connector) {}
}
