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
    private volatile long now;

    /** Creates a clock at time 0. */
    public VirtualClock() {}

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
