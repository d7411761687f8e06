package io.ringmaster.playbook;

/**
 * Privilege escalation as written on a play, block or task; null fields inherit from the enclosing
 * level.
 *
 * @param enabled {@code become}
 * @param user {@code become_user} (default root)
 */
public record BecomeSpec(Boolean enabled, String user) {
    public static final BecomeSpec INHERIT = new BecomeSpec(null, null);

    /** This level's settings over the enclosing ones. */
    public BecomeSpec over(BecomeSpec outer) {
        return new BecomeSpec(
                enabled != null ? enabled : outer.enabled, user != null ? user : outer.user);
    }
}
