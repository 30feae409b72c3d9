package asynccourse.loop;

import java.util.concurrent.CancellationException;

/**
 * A bare asyncio {@code Future} for the synchronisation primitives ({@link Queue},
 * {@link Semaphore}, {@link Lock}, {@link Event}): one task awaits it; the primitive completes it
 * with {@link #setResult} to wake that task (one loop iteration later, as asyncio's
 * {@code fut.set_result} schedules the task's wake-up with {@code call_soon}); cancelling the
 * awaiting task cancels it, which wakes the task with a {@link CancellationException}.
 *
 * <p>Invariants: done at most once; {@link #isCancelled()} only if it was cancelled while not
 * done (a future that already had its result stays a result, as {@code fut.cancel()} returns
 * False on a done future in asyncio). The primitives rely on both to never lose a wake-up.
 */
final class FutureWaiter extends Waiter {
    private final String what;
    private boolean cancelled;

    FutureWaiter(EventLoop loop, String what) {
        super(loop);
        this.what = what;
    }

    /** asyncio's {@code fut.cancelled()}. */
    boolean isCancelled() {
        return cancelled;
    }

    /** asyncio's {@code fut.cancel()} from the awaiting task's cancellation: wakes the task. */
    @Override
    boolean cancel(String msg) {
        if (isDone()) {
            return false;
        }
        cancelled = true;
        setException(new CancellationException(msg));
        return true;
    }

    /**
     * The "just in case" {@code fut.cancel()} of asyncio's queues, called by the awaiting task
     * itself after it resumed: marks the future cancelled without scheduling the task again.
     */
    void cancelByAwaiter() {
        setWaiter(null);
        cancel(null);
    }

    @Override
    String describe() {
        return what;
    }

    /**
     * Binds a primitive to the loop of its first waiting task (asyncio's {@code _LoopBoundMixin}):
     * returns the loop to keep, or throws if {@code me} runs in another loop.
     */
    static EventLoop bind(EventLoop bound, Task<?> me, Object primitive) {
        if (bound == null) {
            return me.loop;
        }
        if (bound != me.loop) {
            throw new IllegalStateException(primitive + " is bound to a different event loop: "
                    + "create one per loop (for instance inside the main coroutine of each run)");
        }
        return bound;
    }
}
