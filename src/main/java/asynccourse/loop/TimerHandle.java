package asynccourse.loop;

import asynccourse.trace.Seconds;

/**
 * A callback scheduled with {@link EventLoop#callLater}; it can be cancelled until it runs.
 * Timers run in deadline order, ties in creation order.
 *
 * <p>Threading: create and cancel on the loop's thread of control (in a coroutine or callback
 * of that loop, or before the loop runs). Cancellation: {@link #cancel()} prevents the
 * callback from running; cancelling after it ran, or twice, does nothing. Nulls: not
 * applicable.
 *
 * <pre>{@code
 * TimerHandle h = getRunningLoop().callLater(Duration.ofSeconds(1), () -> System.out.println("tick"));
 * h.cancel();
 * }</pre>
 */
public final class TimerHandle extends TimerEntry {
    final Runnable callback;
    private final EventLoop loop;
    private boolean cancelled;
    /** Moved from the loop's timer heap to its ready queue; runs there unless cancelled first. */
    private boolean due;
    private boolean fired;

    TimerHandle(EventLoop loop, long deadline, long seq, Runnable callback) {
        this.loop = loop;
        this.deadline = deadline;
        this.seq = seq;
        this.callback = callback;
    }

    /**
     * Cancels the timer, unless it already ran.
     *
     * @return true if this call cancelled it
     * @throws IllegalStateException from a thread that is not running the loop (the timers
     *     belong to the loop; from another thread, use
     *     {@code loop.callSoonThreadsafe(handle::cancel)})
     */
    public boolean cancel() {
        loop.checkOwner("TimerHandle.cancel");
        if (cancelled || fired) {
            return false;
        }
        cancelled = true;
        if (!due) {
            loop.timerCancelled(); // still in the heap: the loop counts it for clean-up
        }
        return true;
    }

    @Override
    boolean timerCancelled() {
        return cancelled;
    }

    @Override
    void markDue() {
        due = true;
    }

    @Override
    boolean dropIfCancelled() {
        return cancelled;
    }

    @Override
    void dropped() {
        // nothing to forget: a timer handle is in the heap once
    }

    /** As a ready item (once due): runs the callback, unless the timer was cancelled before its turn. */
    @Override
    void invoke() {
        if (!cancelled) {
            fired = true;
            loop.runCallback(callback);
        }
    }

    /**
     * Tells whether the timer was cancelled.
     *
     * @return true if cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Returns the loop time (seconds, as {@link EventLoop#time()}) at which the callback is due.
     *
     * @return the deadline in seconds
     */
    public double when() {
        return (deadline - loop.origin()) / 1e9;
    }

    /** A task sleeping on this timer is cancelled: the timer goes, the task wakes next iteration. */
    @Override
    boolean cancelFor(Task<?> waiter, String msg) {
        if (cancel()) {
            loop.schedule(waiter);
        }
        return false;
    }

    @Override
    String describeWait() {
        return "<sleep until " + Seconds.format(deadline - loop.origin()) + ">";
    }

    @Override
    public String toString() {
        return "<TimerHandle when=" + Seconds.format(deadline - loop.origin()) + (cancelled ? " cancelled" : fired ? " done" : "") + ">";
    }
}
