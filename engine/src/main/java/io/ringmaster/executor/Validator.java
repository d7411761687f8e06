package io.ringmaster.executor;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import io.ringmaster.expr.Templar;
import io.ringmaster.module.api.Module;
import io.ringmaster.playbook.Block;
import io.ringmaster.playbook.Expr;
import io.ringmaster.playbook.Play;
import io.ringmaster.playbook.Playbook;
import io.ringmaster.playbook.Task;
import io.ringmaster.playbook.TaskNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every task of every play before any host is contacted, so that a mistake in the last task
 * stops the run before the first one changes anything: the module exists, its parameters are known,
 * required ones are given, literal values have the right type and choice, and no Jinja2 {@code {{
 * }}} slipped in from an Ansible playbook. Finds every problem, not just the first.
 */
public final class Validator {
    private final ModuleRegistry registry;
    private final io.ringmaster.expr.Templar templar = new io.ringmaster.expr.Templar();

    public Validator(ModuleRegistry registry) {
        this.registry = registry;
    }

    public List<UserError> validate(Playbook playbook) {
        List<UserError> errors = new ArrayList<>();
        for (Play play : playbook.plays()) {
            Set<String> handlerNames = new HashSet<>();
            for (Task h : play.handlers()) {
                handlerNames.add(h.name());
                handlerNames.addAll(h.options().listen());
                checkTask(h, errors);
            }
            walk(play.tasks(), handlerNames, errors);
        }
        return errors;
    }

    private void walk(List<TaskNode> nodes, Set<String> handlerNames, List<UserError> errors) {
        for (TaskNode node : nodes) {
            if (node instanceof Block b) {
                checkExprs(b.options().when(), errors);
                walk(b.block(), handlerNames, errors);
                walk(b.rescue(), handlerNames, errors);
                walk(b.always(), handlerNames, errors);
            } else if (node instanceof Task t) {
                checkTask(t, errors);
                for (String n : t.options().notifies()) {
                    if (!handlerNames.contains(n) && !Templar.holdsExpression(n)) {
                        errors.add(
                                new UserError(
                                        t.position(),
                                        "task '"
                                                + t.name()
                                                + "' notifies '"
                                                + n
                                                + "', but the play has no handler of that name or listen topic"
                                                + DidYouMean.suffix(n, handlerNames),
                                        "add a handler named '"
                                                + n
                                                + "' or fix the name in notify"));
                    }
                }
            }
        }
    }

    private void checkTask(Task task, List<UserError> errors) {
        checkExprs(task.options().when(), errors);
        if (task.options().ignoreErrorsIf() != null) {
            checkExprs(List.of(task.options().ignoreErrorsIf()), errors);
        }
        for (List<Expr> list :
                java.util.Arrays.asList(
                        task.options().changedWhen(),
                        task.options().failedWhen(),
                        task.options().until())) {
            if (list != null) {
                checkExprs(list, errors);
            }
        }
        Optional<Module> module = registry.find(task.module());
        if (module.isEmpty()) {
            errors.add(
                    new UserError(
                            task.position(),
                            "unknown module '"
                                    + task.module()
                                    + "'"
                                    + DidYouMean.suffix(task.module(), registry.names()),
                            "run `ringmaster modules` to list the modules and their parameters"));
            return;
        }
        checkArgSyntax(task, module.get(), errors);
        checkTemplateSrc(task, errors);
        for (String problem : ArgBinder.checkLiteral(module.get(), task.args())) {
            errors.add(
                    new UserError(
                            positionOf(task, problem),
                            "task '" + task.name() + "': " + problem,
                            "run `ringmaster modules "
                                    + task.module()
                                    + "` to see its parameters"));
        }
        for (Map.Entry<String, Object> arg : task.args().entrySet()) {
            String jinja = Literals.jinja(arg.getValue());
            if (jinja != null) {
                errors.add(
                        new UserError(
                                task.argPositions().getOrDefault(arg.getKey(), task.position()),
                                "task '"
                                        + task.name()
                                        + "': Jinja2 syntax {{ }} in '"
                                        + arg.getKey()
                                        + "'",
                                "Ringmaster's expressions are Velocity: write ${name} for {{ name }}, and #if(...) for "
                                        + "conditions"));
            }
        }
    }

    /**
     * A literal template {@code src} that is absolute or climbs out ({@code ../../etc/passwd}) is
     * outside every template folder whatever they are: refused here, before any host is contacted.
     * Links and missing files are checked when the task runs, against the real folders.
     */
    private static void checkTemplateSrc(Task task, List<UserError> errors) {
        if (!"template".equals(task.module())
                || !(task.args().get("src") instanceof String src)
                || io.ringmaster.expr.Templar.isTemplated(src)) {
            return;
        }
        boolean outside;
        try {
            java.nio.file.Path p = java.nio.file.Path.of(src);
            outside = p.isAbsolute() || p.normalize().startsWith("..");
        } catch (java.nio.file.InvalidPathException e) {
            outside = true;
        }
        if (outside) {
            errors.add(
                    new UserError(
                            task.argPositions().getOrDefault("src", task.position()),
                            "task '"
                                    + task.name()
                                    + "': template '"
                                    + src
                                    + "' is outside the template folders",
                            "templates are read only from the playbook's folder, its templates/, the role's templates/ and "
                                    + "the project's templates/; name it relative to one of them"));
        }
    }

    private static Position positionOf(Task task, String problem) {
        for (Map.Entry<String, Position> e : task.argPositions().entrySet()) {
            if (problem.contains("'" + e.getKey() + "'")) {
                return e.getValue();
            }
        }
        return task.position();
    }

    private void checkExprs(List<Expr> exprs, List<UserError> errors) {
        for (Expr e : exprs) {
            if (e.text().contains("{{")) {
                errors.add(
                        new UserError(
                                e.position(),
                                "Jinja2 syntax {{ }} in a condition: " + e.text(),
                                "conditions are Velocity expressions, e.g. `$out.rc == 0`"));
                continue;
            }
            try {
                templar.checkCondition(e.text(), e.position());
            } catch (io.ringmaster.module.api.ExpressionException ex) {
                errors.add(syntaxError(ex));
            }
        }
    }

    /**
     * Syntax errors in every templated string of a task's arguments, and in conditions given to a
     * module.
     */
    private void checkArgSyntax(Task task, Module module, List<UserError> errors) {
        Map<String, Object> args = ArgBinder.normalise(module, task.args());
        for (Map.Entry<String, Object> arg : args.entrySet()) {
            Position at = task.argPositions().getOrDefault(arg.getKey(), task.position());
            boolean condition =
                    module.params().stream()
                            .anyMatch(
                                    p ->
                                            p.name().equals(arg.getKey())
                                                    && p.type()
                                                            == io.ringmaster.module.api.ParamType
                                                                    .EXPRESSION);
            checkValue(arg.getValue(), at, condition, errors);
        }
    }

    private void checkValue(Object value, Position at, boolean condition, List<UserError> errors) {
        if (value instanceof String s) {
            try {
                if (condition) {
                    templar.checkCondition(s, at);
                } else {
                    templar.checkString(s, at);
                }
            } catch (io.ringmaster.module.api.ExpressionException ex) {
                errors.add(syntaxError(ex));
            }
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> checkValue(v, at, condition, errors));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> checkValue(v, at, condition, errors));
        }
    }

    private static UserError syntaxError(io.ringmaster.module.api.ExpressionException ex) {
        String msg = ex.getMessage();
        int nl = msg.indexOf("\n  hint: ");
        return new UserError(
                null, nl < 0 ? msg : msg.substring(0, nl), nl < 0 ? null : msg.substring(nl + 9));
    }
}
