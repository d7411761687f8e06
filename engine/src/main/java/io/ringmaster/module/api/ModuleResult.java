package io.ringmaster.module.api;

import java.util.Map;

/**
 * What a module did on one host. {@code data} holds the fields a {@code register} exposes besides
 * {@code changed/failed/msg} (for example {@code rc}, {@code stdout}, {@code stderr}); a key {@code
 * ansible_facts} holding a map sets those variables on the host for the rest of the run (as {@code
 * set_fact} does).
 */
public sealed interface ModuleResult
        permits ModuleResult.Ok, ModuleResult.Changed, ModuleResult.Failed, ModuleResult.Skipped {

    String msg();

    Map<String, Object> data();

    /** Nothing needed changing. */
    record Ok(String msg, Map<String, Object> data) implements ModuleResult {
        public Ok {
            msg = msg == null ? "" : msg;
            data = Data.copy(data);
        }
    }

    /** Something changed (or, under check mode, would change). {@code diff} may be null. */
    record Changed(String msg, Map<String, Object> data, Diff diff) implements ModuleResult {
        public Changed {
            msg = msg == null ? "" : msg;
            data = Data.copy(data);
        }
    }

    /** The module failed on this host; {@code msg} says what, where and how to fix it. */
    record Failed(String msg, Map<String, Object> data) implements ModuleResult {
        public Failed {
            msg = msg == null ? "" : msg;
            data = Data.copy(data);
        }
    }

    /** The module did not run, for the reason given (for example check mode unsupported). */
    record Skipped(String msg) implements ModuleResult {
        @Override
        public Map<String, Object> data() {
            return Map.of();
        }
    }

    static ModuleResult ok(String msg) {
        return new Ok(msg, Map.of());
    }

    static ModuleResult changed(String msg) {
        return new Changed(msg, Map.of(), null);
    }

    static ModuleResult failed(String msg) {
        return new Failed(msg, Map.of());
    }
}
