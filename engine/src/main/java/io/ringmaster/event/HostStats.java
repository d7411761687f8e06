package io.ringmaster.event;

/**
 * The PLAY RECAP line of one host. Build one by name from {@link #ZERO} ({@code
 * HostStats.ZERO.withOk(1).withFailed(1)}), not with the seven positional counts.
 */
public record HostStats(
        int ok, int changed, int unreachable, int failed, int skipped, int rescued, int ignored) {

    public static final HostStats ZERO = new HostStats(0, 0, 0, 0, 0, 0, 0);

    public HostStats plus(HostStats o) {
        return new HostStats(
                ok + o.ok,
                changed + o.changed,
                unreachable + o.unreachable,
                failed + o.failed,
                skipped + o.skipped,
                rescued + o.rescued,
                ignored + o.ignored);
    }

    /** This line with {@code ok} set to {@code count}. */
    public HostStats withOk(int count) {
        return with(0, count);
    }

    /** This line with {@code changed} set to {@code count}. */
    public HostStats withChanged(int count) {
        return with(1, count);
    }

    /** This line with {@code unreachable} set to {@code count}. */
    public HostStats withUnreachable(int count) {
        return with(2, count);
    }

    /** This line with {@code failed} set to {@code count}. */
    public HostStats withFailed(int count) {
        return with(3, count);
    }

    /** This line with {@code skipped} set to {@code count}. */
    public HostStats withSkipped(int count) {
        return with(4, count);
    }

    /** This line with {@code rescued} set to {@code count}. */
    public HostStats withRescued(int count) {
        return with(5, count);
    }

    /** This line with {@code ignored} set to {@code count}. */
    public HostStats withIgnored(int count) {
        return with(6, count);
    }

    private HostStats with(int index, int count) {
        int[] c = {ok, changed, unreachable, failed, skipped, rescued, ignored};
        c[index] = count;
        return new HostStats(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    }
}
