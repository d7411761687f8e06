package io.ringmaster.playbook;

import io.ringmaster.error.UserError;
import io.ringmaster.parse.Nodes;
import io.ringmaster.parse.YMap;
import io.ringmaster.parse.YNode;
import io.ringmaster.parse.YScalar;
import io.ringmaster.parse.YSeq;
import io.ringmaster.parse.YamlReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the keywords wrapping a module call (or a block, or an include) into {@link TaskOptions}.
 * Keys that are not present keep {@link TaskOptions#none()}'s defaults; tags get the inherited ones
 * appended.
 */
final class OptionsParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private OptionsParser() {}

    static TaskOptions parse(YMap m, LoadScope scope, boolean handler) {
        TaskOptions d = TaskOptions.none();
        if (m.has("loop") && (m.has("with_items") || m.has("with_list"))
                || m.has("with_items") && m.has("with_list")) {
            YMap.Entry second = m.entry("with_items").or(() -> m.entry("with_list")).orElseThrow();
            throw new UserError(
                    second.key().position(),
                    "a task can have only one loop",
                    "keep 'loop:' and remove '" + second.name() + "'");
        }
        if (!handler && m.has("listen")) {
            throw new UserError(
                    m.entry("listen").orElseThrow().key().position(),
                    "'listen' is only for handlers",
                    "move the task under 'handlers:' or remove 'listen'");
        }
        Object loop =
                m.get("loop")
                        .or(() -> m.get("with_items"))
                        .or(() -> m.get("with_list"))
                        .map(OptionsParser::loop)
                        .orElse(null);
        boolean hasUntil = m.has("until");
        return new TaskOptions(
                m.get("when").map(n -> exprs(n, "'when'")).orElse(d.when()),
                loop,
                m.get("loop_control").map(OptionsParser::loopVar).orElse(d.loopVar()),
                m.get("register").map(n -> identifier(n, "'register'")).orElse(d.register()),
                m.get("notify").map(n -> Nodes.strings(n, "'notify'")).orElse(d.notifies()),
                m.get("changed_when").map(n -> exprs(n, "'changed_when'")).orElse(null),
                m.get("failed_when").map(n -> exprs(n, "'failed_when'")).orElse(null),
                m.get("ignore_errors")
                        .filter(n -> !isExpression(n))
                        .map(n -> Nodes.bool(n, "'ignore_errors'"))
                        .orElse(false),
                scope.tagsWith(m.get("tags").map(OptionsParser::tags).orElse(List.of())),
                m.get("check_mode").map(n -> Nodes.bool(n, "'check_mode'")).orElse(null),
                hasUntil ? exprs(m.get("until").orElseThrow(), "'until'") : null,
                m.get("retries").map(n -> (int) nonNegative(n, "'retries'")).orElse(d.retries()),
                m.get("delay")
                        .map(
                                n -> {
                                    double v = Nodes.number(n, "'delay'");
                                    if (v < 0) {
                                        throw new UserError(
                                                n.position(),
                                                "'delay' cannot be negative",
                                                "write seconds, e.g. 5");
                                    }
                                    return v;
                                })
                        .orElse(d.delay()),
                m.get("vars").map(n -> Nodes.plainMap(n, "'vars'")).orElse(Map.of()),
                become(m),
                m.get("listen").map(n -> Nodes.strings(n, "'listen'")).orElse(d.listen()),
                m.get("loop_control")
                        .flatMap(n -> ((YMap) n).get("label"))
                        .map(n -> Nodes.string(n, "'label'"))
                        .orElse(null),
                m.get("timeout").map(OptionsParser::timeout).orElse(null),
                m.get("no_log").map(n -> Nodes.bool(n, "'no_log'")).orElse(scope.noLog()),
                m.get("ignore_errors")
                        .filter(OptionsParser::isExpression)
                        .map(n -> new Expr(((YScalar) n).text().strip(), n.position()))
                        .orElse(null));
    }

    /** {@code timeout:} in seconds, more than zero. */
    static java.time.Duration timeout(YNode n) {
        double v = Nodes.number(n, "'timeout'");
        if (!(v > 0) || v > 86_400 * 7) {
            throw new UserError(
                    n.position(),
                    "'timeout' must be a number of seconds above 0 (at most a week), not " + v,
                    "write seconds, e.g. 'timeout: 300'");
        }
        return java.time.Duration.ofMillis((long) (v * 1000));
    }

    /** A scalar holding a {@code $} reference: an expression to evaluate, not a literal boolean. */
    private static boolean isExpression(YNode n) {
        return n instanceof YScalar sc && sc.text() != null && sc.text().contains("$");
    }

    /** {@code become}/{@code become_user} of a play, block, task or role entry. */
    static BecomeSpec become(YMap m) {
        Boolean enabled = m.get("become").map(n -> Nodes.bool(n, "'become'")).orElse(null);
        String user = m.get("become_user").map(n -> Nodes.string(n, "'become_user'")).orElse(null);
        return enabled == null && user == null ? BecomeSpec.INHERIT : new BecomeSpec(enabled, user);
    }

    /** Tags: a list, or a text of comma-separated tags (as Ansible splits it). */
    static List<String> tags(YNode n) {
        List<String> result = new ArrayList<>();
        for (String t : Nodes.strings(n, "'tags'")) {
            Arrays.stream(t.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .forEach(result::add);
        }
        return result;
    }

    /** Conditions: a text, a YAML boolean, or a list of them (all must hold). */
    static List<Expr> exprs(YNode n, String what) {
        List<Expr> result = new ArrayList<>();
        if (n instanceof YSeq seq) {
            seq.items().forEach(item -> result.add(expr(item, "each item of " + what)));
        } else {
            result.add(expr(n, what));
        }
        return result;
    }

    private static Expr expr(YNode n, String what) {
        if (n instanceof YScalar s && s.value() instanceof Boolean b) {
            return new Expr(b.toString(), s.position());
        }
        if (n instanceof YScalar s && s.value() instanceof String text && !text.isBlank()) {
            return new Expr(text, s.position());
        }
        throw new UserError(
                n.position(),
                what + " must be a condition, not " + n.describe(),
                "write an expression such as '$out.rc == 0', or true/false");
    }

    private static Object loop(YNode n) {
        if (n instanceof YScalar s && s.value() instanceof String text) {
            return new Expr(text, s.position());
        }
        if (n instanceof YSeq) {
            return YamlReader.toPlain(n);
        }
        throw new UserError(
                n.position(),
                "a loop must be a list or an expression, not " + n.describe(),
                "write the items as a YAML list, or an expression giving a list such as '$packages'");
    }

    private static String loopVar(YNode n) {
        YMap lc = Nodes.map(n, "'loop_control'");
        Nodes.checkKeys(
                lc,
                "loop_control",
                Keywords.LOOP_CONTROL,
                Map.of(
                        "index_var", "remove it; use ${ansible_loop.index0}",
                        "pause", "remove it",
                        "extended", "remove it",
                        "break_when", "remove it"));
        return lc.get("loop_var").map(v -> identifier(v, "'loop_var'")).orElse("item");
    }

    private static String identifier(YNode n, String what) {
        String s = Nodes.string(n, what);
        if (!NAME.matcher(s).matches()) {
            throw new UserError(
                    n.position(),
                    what + " must be a variable name, not '" + s + "'",
                    "use letters, digits and '_', starting with a letter");
        }
        return s;
    }

    private static long nonNegative(YNode n, String what) {
        long v = Nodes.integer(n, what);
        if (v < 0) {
            throw new UserError(n.position(), what + " cannot be negative", "write 0 or more");
        }
        return v;
    }
}
