package io.ringmaster.expr;

import io.ringmaster.error.Position;
import io.ringmaster.module.api.ExpressionException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;

/**
 * Velocity, the one expression language: interpolation in strings, typed single references,
 * conditions and template files. Strict: an undefined variable is an error naming the variable and
 * where it was written, never literal text. One instance serves a whole run; parsed expressions are
 * cached, so a string used on hundreds of hosts is parsed once.
 *
 * <p>Escapes: {@code $$} is a literal {@code $} (so a shell's {@code $$HOME} reaches the shell as
 * {@code $HOME}); Velocity's own {@code #[[ ... ]]#} keeps a whole passage literal.
 */
public final class Templar {

    private static final Pattern SINGLE_REFERENCE =
            Pattern.compile(
                    "\\$!?\\{[^{}]+}|\\$!?[A-Za-z][\\w-]*(\\.[A-Za-z_][\\w-]*(\\([^()]*\\))?|\\[[^\\]]+])*");

    private final RuntimeInstance velocity = new RuntimeInstance();
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    public Templar() {
        velocity.setProperty("runtime.strict_mode.enable", "true");
        velocity.setProperty("space.gobbling", "lines");
        velocity.setProperty("introspector.uberspect.class", SafeUberspector.class.getName());
        velocity.setProperty("resource.loaders", "string");
        velocity.setProperty(
                "resource.loader.string.class",
                "org.apache.velocity.runtime.resource.loader.StringResourceLoader");
        velocity.init();
    }

    /** True when {@code text} needs Velocity at all (holds a {@code $} or a {@code #}). */
    public static boolean isTemplated(String text) {
        return text.indexOf('$') >= 0 || text.indexOf('#') >= 0;
    }

    /**
     * True when the value holds (deeply: in any string of a map or list) something to render, so it
     * is known only once rendered.
     */
    public static boolean holdsExpression(Object value) {
        if (value instanceof String s) {
            return isTemplated(s);
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(Templar::holdsExpression);
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(Templar::holdsExpression);
        }
        return false;
    }

    /**
     * Renders a value deeply: strings are interpolated; a string that is exactly one reference
     * ({@code ${vms}}) keeps the referenced value's type; maps and lists are rendered element by
     * element.
     */
    public Object render(Object value, Map<String, Object> vars, Position where)
            throws ExpressionException {
        if (value instanceof String s) {
            return renderScalar(s, vars, where);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), render(e.getValue(), vars, where));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(render(o, vars, where));
            }
            return out;
        }
        return value;
    }

    private Object renderScalar(String s, Map<String, Object> vars, Position where)
            throws ExpressionException {
        if (!isTemplated(s)) {
            return s;
        }
        String trimmed = s.strip();
        if (SINGLE_REFERENCE.matcher(trimmed).matches()) {
            Object[] captured = new Object[1];
            ReferenceInsertionEventHandler capture =
                    (ctx, ref, v) -> {
                        captured[0] = v;
                        return v;
                    };
            evaluate(trimmed, vars, where, capture);
            return captured[0];
        }
        return evaluate(s, vars, where, null);
    }

    /** Interpolates a string; the result is always a string. */
    public String renderString(String s, Map<String, Object> vars, Position where)
            throws ExpressionException {
        return isTemplated(s) ? evaluate(s, vars, where, null) : s;
    }

    /**
     * Evaluates a Velocity boolean expression ({@code $out.rc == 0}); a word of {@link Truth}
     * ({@code true}, {@code no}, {@code on}...) stands for itself.
     */
    public boolean test(String condition, Map<String, Object> vars, Position where)
            throws ExpressionException {
        String c = condition.strip();
        if (c.isEmpty()) {
            return false;
        }
        Optional<Boolean> word = Truth.ofWord(c);
        if (word.isPresent()) {
            return word.get();
        }
        StrictFields.Recorder missing = new StrictFields.Recorder(c);
        String result;
        try {
            result = evaluate(asIf(c), StrictFields.view(vars, missing), where, null);
        } catch (ExpressionException e) {
            throw withHint(e, c);
        }
        if (missing.first() != null) {
            throw new ExpressionException(
                    (where != null ? where + ": " : "")
                            + missing.first()
                            + " (in `"
                            + c
                            + "`)"
                            + "\n  hint: a condition may only read fields that exist, as in Ansible; test for one with"
                            + " $x.containsKey('field'), or give a default with ${x.field|'value'}");
        }
        return "1".equals(result);
    }

    /** Checks a condition's syntax without evaluating it (before any host is contacted). */
    public void checkCondition(String condition, Position where) throws ExpressionException {
        String c = condition.strip();
        if (c.isEmpty() || c.matches("(?i)true|false|yes|no")) {
            return;
        }
        try {
            parse(where == null ? "<expression>" : where.toString(), asIf(c), where);
        } catch (ExpressionException e) {
            throw withHint(e, c);
        }
    }

    /** Checks a templated string's syntax without evaluating it. */
    public void checkString(String text, Position where) throws ExpressionException {
        if (isTemplated(text)) {
            parse(where == null ? "<expression>" : where.toString(), text, where);
        }
    }

    private static String asIf(String c) {
        String unwrapped =
                c.startsWith("${") && c.endsWith("}") && c.indexOf('}') == c.length() - 1
                        ? "$" + c.substring(2, c.length() - 1)
                        : c;
        return "#if(" + unwrapped + ")1#{else}0#end";
    }

    /**
     * Shows the condition as written (not its #if wrapper, whose "#if(" shifts columns by 4) and a
     * hint.
     */
    private static ExpressionException withHint(ExpressionException e, String c) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\[line 1, column (\\d+)]")
                        .matcher(e.getMessage().replace("`" + asIf(c) + "`", "`" + c + "`"));
        StringBuilder msg = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    msg, "[column " + Math.max(1, Integer.parseInt(m.group(1)) - 4) + "]");
        }
        m.appendTail(msg);
        if (!c.contains("$")) {
            msg.append(
                    "\n  hint: conditions are Velocity expressions: variables start with $, e.g. "
                            + "`$inventory_hostname == 'web1'` or `$out.rc == 0`");
        }
        return new ExpressionException(msg.toString());
    }

    /**
     * Renders a template's text. With {@code escapeXml}, every inserted value is XML-escaped, so a
     * value such as {@code </name>} cannot change the document's structure.
     */
    public String renderTemplate(
            String name, String text, Map<String, Object> vars, boolean escapeXml)
            throws ExpressionException {
        ReferenceInsertionEventHandler escape =
                escapeXml
                        ? (ctx, ref, v) ->
                                v == null ? null : XmlEscape.escape(ref, String.valueOf(v))
                        : null;
        return evaluate(name, text, vars, null, escape);
    }

    private String evaluate(
            String text,
            Map<String, Object> vars,
            Position where,
            ReferenceInsertionEventHandler handler)
            throws ExpressionException {
        return evaluate(
                where == null ? "<expression>" : where.toString(), text, vars, where, handler);
    }

    private String evaluate(
            String name,
            String text,
            Map<String, Object> vars,
            Position where,
            ReferenceInsertionEventHandler handler)
            throws ExpressionException {
        Template template = parse(name, text, where);
        VelocityContext context = new BoundedContext(new VelocityContext(vars), new RenderBudget());
        if (handler != null) {
            EventCartridge cartridge = new EventCartridge();
            cartridge.addReferenceInsertionEventHandler(handler);
            cartridge.attachToContext(context);
        }
        StringWriter out = new StringWriter();
        try {
            template.merge(context, RenderBudget.bounded(out));
        } catch (RenderBudget.Exceeded e) {
            throw new ExpressionException(
                    ExprErrors.prefixed(name, where)
                            + e.getMessage()
                            + "\n  hint: expressions and templates are bounded ("
                            + RenderBudget.MAX_CHARS
                            + " characters per value, "
                            + RenderBudget.MAX_OUTPUT_CHARS
                            + " per output, "
                            + RenderBudget.MAX_STEPS
                            + " steps, "
                            + RenderBudget.MAX_TIME_MS / 1000
                            + " s); "
                            + "check the loop or the string that grows");
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw new ExpressionException(
                    ExprErrors.prefixed(name, where)
                            + "the expression ran out of "
                            + (e instanceof OutOfMemoryError ? "memory" : "stack")
                            + " and was stopped"
                            + "\n  hint: check the loop, the range or the recursion in it");
        } catch (SafeUberspector.ForbiddenAccess e) {
            throw new ExpressionException(
                    (where != null ? where + ": " : name + ": ") + e.getMessage());
        } catch (MethodInvocationException e) {
            throw new ExpressionException(ExprErrors.undefined(e, name, text, where));
        } catch (VelocityException e) {
            throw new ExpressionException(ExprErrors.other(e, name, where));
        } catch (RuntimeException e) {
            throw new ExpressionException(
                    (where != null ? where + ": " : name + ": ") + e.getMessage());
        }
        return out.toString();
    }

    /**
     * The parsed template for {@code text}, parsed once per run even when hundreds of hosts ask for
     * it at the same moment (the first host's thread parses, the others wait for it instead of each
     * parsing their own copy).
     */
    private Template parse(String name, String text, Position where) throws ExpressionException {
        String key = name + '\u0000' + text;
        Template cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        if (cache.size() >= 100_000) {
            return compile(name, text, where);
        }
        try {
            return cache.computeIfAbsent(
                    key,
                    k -> {
                        try {
                            return compile(name, text, where);
                        } catch (ExpressionException e) {
                            throw new Unparsable(e);
                        }
                    });
        } catch (Unparsable u) {
            throw u.cause;
        }
    }

    private Template compile(String name, String text, Position where) throws ExpressionException {
        Template template = new Template();
        template.setName(name);
        template.setRuntimeServices(velocity);
        try {
            template.setData(velocity.parse(new StringReader(Escapes.apply(text)), template));
            template.initDocument();
        } catch (ParseException | ParseErrorException e) {
            throw new ExpressionException(ExprErrors.syntax(e, name, text, where));
        }
        return template;
    }

    /** Carries a syntax error out of {@link Map#computeIfAbsent}; a failed parse is not cached. */
    private static final class Unparsable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ExpressionException cause;

        Unparsable(ExpressionException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }
}
