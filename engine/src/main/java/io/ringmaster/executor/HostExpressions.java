package io.ringmaster.executor;

import io.ringmaster.error.Position;
import io.ringmaster.expr.Templar;
import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.module.api.Expressions;
import io.ringmaster.vars.Overlay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The expression language bound to one host and task, as modules see it. Templates are looked up in
 * the task's role's {@code templates/}, beside the playbook, in {@code templates/} beside it, then
 * in the project's {@code templates/}, and never outside those roots (no {@code ../}, no symlink
 * out).
 */
final class HostExpressions implements Expressions {
    private final Templar templar;
    private final Map<String, Object> vars;
    private final List<Path> templateRoots;
    private final Position where;

    HostExpressions(
            Templar templar, Map<String, Object> vars, List<Path> templateRoots, Position where) {
        this.templar = templar;
        this.vars = vars;
        this.templateRoots = templateRoots;
        this.where = where;
    }

    @Override
    public boolean test(String condition) throws ExpressionException {
        return templar.test(condition, vars, where);
    }

    @Override
    public Object value(String reference) throws ExpressionException {
        String r = reference.strip();
        String expr = r.startsWith("$") ? r : "${" + r + "}";
        return templar.render(expr, vars, where);
    }

    @Override
    public String renderTemplate(String src, Map<String, Object> extraVars)
            throws ExpressionException {
        Path file = find(src);
        String text;
        try {
            text = io.ringmaster.parse.TextFile.read(file);
        } catch (io.ringmaster.error.UserError e) {
            throw new ExpressionException(where + ": cannot use template: " + e.getMessage());
        }
        return renderText(file.toString(), text, extraVars);
    }

    @Override
    public String renderText(String name, String text, Map<String, Object> extraVars)
            throws ExpressionException {
        Map<String, Object> all = extraVars.isEmpty() ? vars : new Overlay(extraVars, vars);
        boolean xml = name.endsWith(".xml.vm") || name.endsWith(".xml");
        return templar.renderTemplate(name, text, all, xml);
    }

    private Path find(String src) throws ExpressionException {
        if (Path.of(src).isAbsolute()) {
            throw new ExpressionException(
                    where
                            + ": template '"
                            + src
                            + "' is an absolute path\n  hint: name it "
                            + "relative to the playbook, its templates/ folder or the project's templates/");
        }
        for (Path root : templateRoots) {
            try {
                if (!Files.isDirectory(root)) {
                    continue;
                }
                Path realRoot = root.toRealPath();
                Path candidate = realRoot.resolve(src).normalize();
                if (!candidate.startsWith(realRoot)) {
                    throw new ExpressionException(
                            where
                                    + ": template '"
                                    + src
                                    + "' points outside "
                                    + root
                                    + "\n  hint: templates are read only from the playbook's folder, its templates/ and the "
                                    + "project's templates/");
                }
                if (Files.isRegularFile(candidate)) {
                    Path real = candidate.toRealPath();
                    if (!real.startsWith(realRoot)) {
                        throw new ExpressionException(
                                where
                                        + ": template '"
                                        + src
                                        + "' is a link to "
                                        + real
                                        + ", outside "
                                        + root
                                        + "\n  hint: copy the template into one of the template folders");
                    }
                    return real;
                }
            } catch (IOException e) {
                throw new ExpressionException(
                        where + ": cannot read template '" + src + "': " + e.getMessage());
            }
        }
        throw new ExpressionException(
                where
                        + ": template '"
                        + src
                        + "' not found\n  hint: looked in "
                        + templateRoots.stream().map(Path::toString).toList());
    }
}
