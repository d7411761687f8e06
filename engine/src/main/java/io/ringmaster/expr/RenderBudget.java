package io.ringmaster.expr;

import java.io.Writer;

/**
 * The bounds of one rendering, so a hostile or mistaken expression is refused instead of exhausting
 * the controller: no value or output longer than {@link #MAX_CHARS} characters, at most {@link
 * #MAX_STEPS} assignments and loop iterations, and at most {@link #MAX_TIME_MS} of wall time.
 */
final class RenderBudget {
    /**
     * 4 Mi characters: far above any real domain XML or config file, far below what hurts a JVM.
     */
    static final int MAX_CHARS = 4 * 1024 * 1024;

    /**
     * 64 Mi characters for the whole output of one rendering: a template file may legitimately be
     * large (a generated config of hundreds of thousands of lines), while any single value stays
     * within {@link #MAX_CHARS}.
     */
    static final int MAX_OUTPUT_CHARS = 64 * 1024 * 1024;

    /** One million #set / #foreach steps per rendering (a 1000 x 1000 nested loop). */
    static final int MAX_STEPS = 1_000_000;

    static final long MAX_TIME_MS = 10_000;

    private final long deadline = System.nanoTime() + MAX_TIME_MS * 1_000_000;
    private int steps;

    /** One assignment or loop iteration putting {@code value} in the context. */
    void step(Object value) {
        if (++steps > MAX_STEPS) {
            throw new Exceeded(
                    "the expression ran more than " + MAX_STEPS + " loop iterations or #set steps");
        }
        if ((steps & 1023) == 0 && System.nanoTime() > deadline) {
            throw new Exceeded("the expression ran for more than " + MAX_TIME_MS / 1000 + " s");
        }
        checkSize(value);
    }

    static void checkSize(Object value) {
        if (value instanceof CharSequence s && s.length() > MAX_CHARS) {
            throw new Exceeded(
                    "the expression built a text of "
                            + s.length()
                            + " characters, more than the limit of "
                            + MAX_CHARS);
        }
    }

    /** Refuses {@code "x".repeat(n)} whose result would pass the limit before it is allocated. */
    static void checkRepeat(Object receiver, String method, Object[] args) {
        if ("repeat".equals(method)
                && receiver instanceof CharSequence s
                && args.length == 1
                && args[0] instanceof Number n
                && (long) s.length() * n.longValue() > MAX_CHARS) {
            throw new Exceeded(
                    "the expression asked for a text of "
                            + (long) s.length() * n.longValue()
                            + " characters, more than the limit of "
                            + MAX_CHARS);
        }
    }

    /** A writer that refuses output beyond the limit. */
    static Writer bounded(Writer out) {
        return new Writer() {
            private long written;

            @Override
            public void write(char[] cbuf, int off, int len) throws java.io.IOException {
                written += len;
                if (written > MAX_OUTPUT_CHARS) {
                    throw new Exceeded(
                            "the rendered text passed the limit of "
                                    + MAX_OUTPUT_CHARS
                                    + " characters");
                }
                out.write(cbuf, off, len);
            }

            @Override
            public void flush() throws java.io.IOException {
                out.flush();
            }

            @Override
            public void close() throws java.io.IOException {
                out.close();
            }
        };
    }

    /** A rendering passed one of the bounds; never caught by Velocity. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }
    }
}
