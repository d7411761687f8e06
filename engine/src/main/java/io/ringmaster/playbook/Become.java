package io.ringmaster.playbook;

/**
 * Privilege escalation as written on a play, block or task; null fields inherit from the enclosing level.
 *
 * @param enabled {@code become}
 * @param user    {@code become_user} (default root)
 */
public record Become(Boolean enabled, String user) {
    public static final Become INHERIT = new Become(null, null);

    /** This level's settings over the enclosing ones. */
    public Become over(Become outer) {
        return new Become(enabled != null ? enabled : outer.enabled, user != null ? user : outer.user);
    }
}
