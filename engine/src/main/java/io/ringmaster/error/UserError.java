package io.ringmaster.error;

/**
 * A mistake in the user's input (playbook, inventory, template, option): reported as {@code
 * position: what. hint} and never as a stack trace.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Position position;
    private final String what;
    private final String hint;

    public UserError(Position position, String what, String hint) {
        super(format(position, what, hint));
        this.position = position;
        this.what = what;
        this.hint = hint;
    }

    public UserError(Position position, String what) {
        this(position, what, null);
    }

    public Position position() {
        return position;
    }

    public String what() {
        return what;
    }

    public String hint() {
        return hint;
    }

    private static String format(Position position, String what, String hint) {
        StringBuilder sb = new StringBuilder();
        if (position != null) {
            sb.append(position).append(": ");
        }
        sb.append(what);
        if (hint != null && !hint.isBlank()) {
            sb.append("\n  hint: ").append(hint);
        }
        return sb.toString();
    }
}
