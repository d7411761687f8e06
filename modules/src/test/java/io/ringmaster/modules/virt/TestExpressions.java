package io.ringmaster.modules.virt;

import io.ringmaster.module.api.ExpressionException;
import io.ringmaster.module.api.Expressions;
import io.ringmaster.modules.support.Xml;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.runtime.RuntimeConstants;

/**
 * Test-only {@link Expressions}: Velocity in strict mode, templates found under the given roots
 * only, every reference XML-escaped when the template's name ends in {@code .xml.vm} (as the engine
 * promises).
 */
public final class TestExpressions implements Expressions {
    private final List<Path> roots;
    private final Map<String, Object> vars;
    private final VelocityEngine engine;

    public TestExpressions(List<Path> roots, Map<String, Object> vars) {
        this.roots = List.copyOf(roots);
        this.vars = Map.copyOf(vars);
        this.engine = new VelocityEngine();
        engine.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        engine.init();
    }

    /** The project's templates/ directory, found from the module's working directory. */
    public static Path projectTemplates() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("templates"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "no templates/ directory above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("templates");
    }

    @Override
    public boolean test(String condition) throws ExpressionException {
        return "true"
                .equals(
                        renderText("test", "#if(" + condition + ")true#{else}false#end", Map.of())
                                .trim());
    }

    @Override
    public Object value(String reference) throws ExpressionException {
        String r = reference.startsWith("$") ? reference.substring(1) : reference;
        return vars.get(r);
    }

    @Override
    public String renderTemplate(String src, Map<String, Object> extraVars)
            throws ExpressionException {
        for (Path root : roots) {
            Path f = root.resolve(src).normalize();
            if (f.startsWith(root.normalize()) && Files.isRegularFile(f)) {
                try {
                    return renderText(src, Files.readString(f, StandardCharsets.UTF_8), extraVars);
                } catch (IOException e) {
                    throw new ExpressionException(
                            "cannot read template " + f + ": " + e.getMessage());
                }
            }
        }
        throw new ExpressionException("template " + src + " not found under " + roots);
    }

    @Override
    public String renderText(String name, String text, Map<String, Object> extraVars)
            throws ExpressionException {
        Map<String, Object> all = new HashMap<>(vars);
        all.putAll(extraVars);
        VelocityContext ctx = new VelocityContext(all);
        if (name.endsWith(".xml.vm")) {
            EventCartridge ec = new EventCartridge();
            ec.addEventHandler(
                    (ReferenceInsertionEventHandler)
                            (Context c, String ref, Object value) ->
                                    value == null ? null : Xml.escape(String.valueOf(value)));
            ec.attachToContext(ctx);
        }
        StringWriter w = new StringWriter();
        try {
            engine.evaluate(ctx, w, name, text);
        } catch (RuntimeException e) {
            throw new ExpressionException(name + ": " + e.getMessage());
        }
        return w.toString();
    }
}
