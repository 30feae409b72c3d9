package asynccourse.loop;

/**
 * The time source of an {@link EventLoop}: a monotonic count of nanoseconds.
 *
 * <p>Threading: implementations must be safe to read from any thread. Cancellation: not
 * applicable. Nulls: not applicable.
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.builder().clock(new VirtualClock()).build();
 * }</pre>
 *
 * @see MonotonicClock
 * @see VirtualClock
 */
@FunctionalInterface
public interface LoopClock {
    /**
     * Returns the current time in nanoseconds; only differences are meaningful.
     *
     * @return the time in nanoseconds, never decreasing
     */
    long nanos();
}
