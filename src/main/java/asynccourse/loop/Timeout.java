package asynccourse.loop;

import asynccourse.trace.Seconds;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A time limit on a block of code, like asyncio's {@code async with asyncio.timeout(...)}
 * (CPython 3.11's {@code asyncio.Timeout}): when the deadline passes, the task running the
 * block is cancelled; the block turns that cancellation into {@link AsyncTimeoutException}.
 *
 * <pre>{@code
 * Timeout t = timeout(Duration.ofSeconds(1));     // async with asyncio.timeout(1) as t:
 * try {
 *     String page = t.run(() -> slowDownload()); //     page = await slow_download()
 * } catch (AsyncTimeoutException e) {            // except TimeoutError:
 *     System.out.println(t.expired());          // true
 * }
 * String s = timeout(Duration.ofSeconds(1), () -> slowDownload()); // the short form
 * }</pre>
 *
 * <p>Why a {@link #run(Coroutine)} method and not try-with-resources: asyncio's block learns,
 * on exit, which exception ended it and may replace it. Java's {@code close()} is not told
 * about the exception of its try block and cannot replace it (it can only add a suppressed
 * one), so a try-with-resources block could turn neither our cancellation into a timeout nor
 * leave someone else's alone. {@code run} wraps the block and sees its outcome, like
 * {@link TaskGroup#run}.
 *
 * <h2>Invariants (those of CPython 3.11)</h2>
 * <ol>
 *   <li>States: created → active (run entered) → finished; or active → expiring (the deadline
 *       cancelled the task) → expired (the block was left). A Timeout is entered at most once.</li>
 *   <li>Only the deadline's own cancellation becomes a timeout: on leaving an expiring block,
 *       one cancellation request is taken back ({@link Task#uncancel()}); the
 *       {@link CancellationException} becomes {@link AsyncTimeoutException} only if no other
 *       request is left beyond those the task had on entering the block. A cancellation from
 *       outside, or the deadline of an enclosing Timeout, passes through as it is.</li>
 *   <li>A block that caught the cancellation and ended otherwise ends as it did (a result, or
 *       another exception); {@link #expired()} still tells that the deadline passed.</li>
 *   <li>A deadline not later than the loop's time expires on the next loop iteration.</li>
 * </ol>
 *
 * <p>Threading: create and use it in one coroutine of a running loop; {@link #reschedule},
 * {@link #when} and {@link #expired} may also be called from other coroutines and callbacks of
 * that loop. Cancellation: see the invariants. Nulls: arguments must not be null; "no
 * deadline" (asyncio's {@code None}) is {@link Double#POSITIVE_INFINITY}.
 */
public final class Timeout {
    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    private State state = State.CREATED;
    private double when;
    private Task<?> task;
    private int cancellingOnEntry;
    private long enteredNanos;
    private long deadlineNanos;
    private TimerHandle timer;
    private Soon soon;

    Timeout(double when) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("Timeout: the deadline is NaN; give a loop time in seconds, "
                    + "or Double.POSITIVE_INFINITY for none");
        }
        this.when = when;
    }

    /**
     * Returns the deadline, in seconds on the loop's clock (like {@link Asyncio#loopTime()}),
     * or {@link Double#POSITIVE_INFINITY} if there is none.
     *
     * @return the deadline
     */
    public double when() {
        return when;
    }

    /**
     * Tells whether the deadline passed while the block ran (asyncio's {@code expired()}): true
     * from the moment the deadline cancelled the task, also after the block was left.
     *
     * @return true if the deadline passed during the block
     */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /**
     * Moves the deadline (asyncio's {@code reschedule}); a deadline not later than the loop's
     * time expires on the next iteration; {@link Double#POSITIVE_INFINITY} removes it.
     *
     * @param when the new deadline, in seconds on the loop's clock
     * @throws IllegalStateException if the block is not running (not entered, finished,
     *     expiring or expired)
     * @throws IllegalArgumentException if {@code when} is NaN
     */
    public void reschedule(double when) {
        if (state != State.ENTERED) {
            if (state == State.CREATED) {
                throw new IllegalStateException("Timeout has not been entered");
            }
            throw new IllegalStateException("Cannot change state of " + state.label + " Timeout");
        }
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("Timeout.reschedule: the deadline is NaN");
        }
        task.loop.checkOwner("Timeout.reschedule");
        this.when = when;
        cancelHandler();
        if (when == Double.POSITIVE_INFINITY) {
            return;
        }
        EventLoop loop = task.loop;
        if (beyondReach(when - loop.time())) {
            return; // more than a lifetime away: it never fires (and must not overflow the clock)
        }
        if (when <= loop.time()) {
            soon = new Soon(this);
            loop.callSoonInternal(soon);
            deadlineNanos = loop.timeNanos();
        } else {
            deadlineNanos = Math.round(when * 1e9);
            timer = loop.callLaterNanos(Math.max(0, deadlineNanos - loop.timeNanos()), this::onTimeout);
        }
    }

    /**
     * Runs {@code body} under this time limit (asyncio's {@code async with}): returns its
     * result, or rethrows what it threw, except that the cancellation caused by this deadline
     * becomes {@link AsyncTimeoutException} (see the class comment).
     *
     * @param body the block
     * @param <T> its result type
     * @return its result
     * @throws AsyncTimeoutException if the deadline cancelled the block
     * @throws IllegalStateException if already entered, or outside a coroutine
     */
    public <T> T run(Coroutine<T> body) {
        Objects.requireNonNull(body, "body");
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        Task<?> me = RunningLoops.currentTaskOrNull();
        if (me == null) {
            throw new IllegalStateException("Timeout should be used inside a task (a coroutine of a running event loop)");
        }
        state = State.ENTERED;
        task = me;
        cancellingOnEntry = me.cancelling();
        enteredNanos = me.loop.timeNanos();
        reschedule(when);
        T value;
        try {
            value = body.call();
        } catch (Throwable t) {
            exit(t);
            throw CoroutineException.rethrow(t);
        }
        exit(null);
        return value;
    }

    /** asyncio's {@code __aexit__}: throws the timeout, or returns to let {@code failure} pass. */
    private void exit(Throwable failure) {
        cancelHandler();
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingOnEntry && failure instanceof CancellationException ce) {
                AsyncTimeoutException te = new AsyncTimeoutException(
                        Duration.ofNanos(Math.max(0, deadlineNanos - enteredNanos)), ce);
                throw te;
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
    }

    /** Delays longer than this many seconds (about 73 years) never fire; no timer is set for them. */
    private static final double REACH_SECONDS = (Long.MAX_VALUE / 4) / 1e9;

    /** True if a delay of {@code seconds} is beyond any run of a loop (see {@link #REACH_SECONDS}). */
    static boolean beyondReach(double seconds) {
        return seconds > REACH_SECONDS;
    }

    private void onTimeout() {
        soon = null;
        timer = null;
        task.cancel();
        state = State.EXPIRING;
    }

    private void cancelHandler() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (soon != null) {
            soon.timeout = null;
            soon = null;
        }
    }

    /** A callSoon'ed expiry that can be disarmed (asyncio's cancellable {@code Handle}). */
    private static final class Soon implements Runnable {
        Timeout timeout;

        Soon(Timeout timeout) {
            this.timeout = timeout;
        }

        @Override
        public void run() {
            Timeout t = timeout;
            if (t != null) {
                t.onTimeout();
            }
        }

        @Override
        public String toString() {
            return "timeout expiry";
        }
    }

    /**
     * Describes the state like asyncio's repr: {@code <Timeout [active] when=12.345>},
     * {@code <Timeout [expired]>}, {@code <Timeout [finished]>}; a block without deadline shows
     * {@code when=never}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        if (state != State.ENTERED) {
            return "<Timeout [" + state.label + "]>";
        }
        String w = when == Double.POSITIVE_INFINITY ? "never"
                : when == Double.NEGATIVE_INFINITY ? "-Infinity" : Seconds.format(Math.round(when * 1e9));
        return "<Timeout [active] when=" + w + ">";
    }
}
