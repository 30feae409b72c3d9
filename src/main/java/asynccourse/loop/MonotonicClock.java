package asynccourse.loop;

/**
 * The real clock: {@link System#nanoTime()}, the default clock of an {@link EventLoop}.
 *
 * <p>Threading: stateless, safe from any thread. Cancellation, nulls: not applicable.
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.builder().clock(MonotonicClock.INSTANCE).build();
 * }</pre>
 */
public final class MonotonicClock implements LoopClock {
    /** The single instance. */
    public static final MonotonicClock INSTANCE = new MonotonicClock();

    private MonotonicClock() {}

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "MonotonicClock";
    }
}
