package asynccourse.loop;

import asynccourse.trace.Seconds;
import java.time.Duration;
import java.util.Objects;

/**
 * A virtual clock for deterministic, instant runs: it starts at 0 and only moves when the
 * event loop jumps to its next timer (nothing else being ready and no thread-safe work
 * outstanding) or when a test calls {@link #advance(Duration)}. A program that sleeps 2 s runs
 * instantly and ends at loop time exactly 2.000 s.
 *
 * <p>Threading: the time is a volatile field; reading is safe from any thread; advancing is
 * meant for the loop's thread or a test between runs. Cancellation: not applicable. Nulls:
 * {@link #advance(Duration)} rejects null.
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.builder().virtualClock().build();
 * loop.runUntilComplete(() -> { sleep(Duration.ofSeconds(2)); return null; });
 * System.out.println(loop.time()); // 2.0
 * }</pre>
 */
public final class VirtualClock implements LoopClock {
    /** The default {@link #grace()}: 50 ms. */
    public static final Duration DEFAULT_GRACE = Duration.ofMillis(50);

    private volatile long now;
    private final long graceNanos;

    /** Creates a clock at time 0, with the default grace of 50 ms. */
    public VirtualClock() {
        this(DEFAULT_GRACE);
    }

    /**
     * Creates a clock at time 0 with the given grace: see {@link #grace()}.
     *
     * @param grace not negative, at most a minute
     */
    public VirtualClock(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("grace must be between 0 and 1 minute of real time, got " + grace);
        }
        this.graceNanos = grace.toNanos();
    }

    /**
     * Returns the clock's waiting policy: how long, in real time, the loop waits for another
     * thread before it jumps to the next timer while a task awaits a future that such a thread
     * may complete (the future may as well be completed by a timer of the loop itself, so the
     * loop cannot wait for ever). While a {@code toThread} call is outstanding the clock never
     * jumps.
     *
     * @return the grace
     */
    public Duration grace() {
        return Duration.ofNanos(graceNanos);
    }

    long graceNanos() {
        return graceNanos;
    }

    @Override
    public long nanos() {
        return now;
    }

    /**
     * Moves the clock forward.
     *
     * @param delta how far, not negative
     * @throws IllegalArgumentException if negative, or if the clock would pass its limit of
     *     {@code Long.MAX_VALUE} nanoseconds (about 292 years)
     */
    public void advance(Duration delta) {
        Objects.requireNonNull(delta, "delta");
        if (delta.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: " + delta);
        }
        long n = now;
        if (delta.compareTo(Duration.ofNanos(Long.MAX_VALUE - n)) >= 0) {
            throw new IllegalArgumentException("advance(" + delta + "): the virtual clock would pass its limit of "
                    + "Long.MAX_VALUE ns (about 292 years) from " + Seconds.format(n) + " s");
        }
        now = n + delta.toNanos();
    }

    /** Jumps to {@code nanos} if it is later than now (used by the loop). */
    void jumpTo(long nanos) {
        if (nanos > now) {
            now = nanos;
        }
    }

    @Override
    public String toString() {
        return "VirtualClock[" + Seconds.format(now) + " s]";
    }
}
