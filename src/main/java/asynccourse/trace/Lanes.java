package asynccourse.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * A recorder of lanes for work that is <em>not</em> on the event loop: platform threads,
 * virtual threads, pool workers, child processes, the readers of chapter 01. Each lane is
 * named by the caller (a thread's name, {@code "reader 1"}, {@code "fetch page 3"}); its
 * running and waiting stretches become a {@link Timeline}, drawn like a loop's.
 *
 * <p>Threading: thread-safe; any thread may record into any lane. Each event takes its time
 * stamp under the recorder's lock, so events are stored in time order. Cancellation: not
 * applicable; {@link #call} records {@code FAILED} when the work throws, interruption
 * included. Nulls: lane names and work must not be null; a null detail is recorded as "".
 *
 * <pre>{@code
 * Lanes lanes = new Lanes();
 * try (var pool = Executors.newFixedThreadPool(2)) {
 *     pool.submit(() -> lanes.run("reader 1", () -> readBook("A")));
 *     pool.submit(() -> lanes.run("reader 2", () -> readBook("B")));
 * }   // close() waits for both
 * Timeline t = lanes.timeline();   // two lanes, side by side
 * }</pre>
 */
public final class Lanes {
    private final Object lock = new Object();
    private final List<TraceEvent> events = new ArrayList<>();
    private final LongSupplier nanoClock;
    private final long origin;

    /** A recorder on {@link System#nanoTime()}; time 0 is now. */
    public Lanes() {
        this(System::nanoTime);
    }

    /**
     * A recorder on a clock of the caller's (tests pass their own).
     *
     * @param nanoClock monotonic nanoseconds; time 0 is its value now
     */
    public Lanes(LongSupplier nanoClock) {
        this(nanoClock, nanoClock.getAsLong());
    }

    private Lanes(LongSupplier nanoClock, long origin) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.origin = origin;
    }

    /**
     * A recorder whose times are the clock's own values (nothing subtracted), so that lanes
     * recorded on an event loop's time line up with that loop's timeline: inside a coroutine,
     * {@code Lanes.onClock(getRunningLoop()::timeNanos)}, then
     * {@link Timeline#merge(Timeline, Timeline)} of the run's timeline and these lanes'.
     *
     * @param nanoClock nanoseconds, safe to read from any thread that records
     * @return the recorder
     */
    public static Lanes onClock(LongSupplier nanoClock) {
        return new Lanes(Objects.requireNonNull(nanoClock, "nanoClock"), 0);
    }

    private void record(String lane, TraceEvent.Kind kind, String detail) {
        Objects.requireNonNull(lane, "lane");
        synchronized (lock) {
            events.add(new TraceEvent(Math.max(0, nanoClock.getAsLong() - origin), lane, kind, detail));
        }
    }

    /**
     * The lane starts running (holds a CPU) from now on.
     *
     * @param lane the lane's name
     */
    public void running(String lane) {
        record(lane, TraceEvent.Kind.RUNNING, "");
    }

    /**
     * The lane waits from now on.
     *
     * @param lane the lane's name
     * @param onWhat what it waits on ("disk", "page 3", "lock")
     */
    public void waiting(String lane, String onWhat) {
        record(lane, TraceEvent.Kind.WAITING, onWhat);
    }

    /**
     * The lane has finished.
     *
     * @param lane the lane's name
     */
    public void done(String lane) {
        record(lane, TraceEvent.Kind.DONE, "");
    }

    /**
     * The lane has finished with an exception.
     *
     * @param lane the lane's name
     */
    public void failed(String lane) {
        record(lane, TraceEvent.Kind.FAILED, "");
    }

    /**
     * Runs {@code work} on the calling thread as one running stretch of {@code lane}, then marks
     * the lane done (or failed, and rethrows).
     *
     * @param lane the lane's name
     * @param work the work
     * @param <T> the result type
     * @return what the work returned
     * @throws Exception what the work threw
     */
    public <T> T call(String lane, Callable<T> work) throws Exception {
        Objects.requireNonNull(work, "work");
        running(lane);
        try {
            T value = work.call();
            done(lane);
            return value;
        } catch (Exception | Error e) {
            failed(lane);
            throw e;
        }
    }

    /**
     * Like {@link #call} for work without a result and without checked exceptions.
     *
     * @param lane the lane's name
     * @param work the work
     */
    public void run(String lane, Runnable work) {
        Objects.requireNonNull(work, "work");
        running(lane);
        try {
            work.run();
            done(lane);
        } catch (RuntimeException | Error e) {
            failed(lane);
            throw e;
        }
    }

    /**
     * Returns a copy of the events recorded so far, in time order.
     *
     * @return the events
     */
    public List<TraceEvent> events() {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    /**
     * Returns a timeline of what was recorded so far: one lane per name, in order of first use.
     *
     * @return the timeline
     */
    public Timeline timeline() {
        return Timeline.of(events());
    }
}
