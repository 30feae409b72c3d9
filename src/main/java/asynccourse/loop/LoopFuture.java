package asynccourse.loop;

import java.util.concurrent.CancellationException;

/**
 * A loop-confined one-shot future, asyncio's {@code Future}: a result or an exception set once by
 * a callback of the loop, awaited by one task, which the loop wakes one iteration later (as
 * asyncio's {@code fut.set_result} schedules the awaiting task with {@code call_soon}). The
 * synchronisation primitives, {@code waitFor}, the streams' drain and close, gather
 * ({@link GatheringFuture}), task groups and socket readiness ({@link SocketReadyFuture}) all
 * suspend a task on one of these.
 *
 * <p>Invariants: done at most once; {@link #isCancelled()} only if it was cancelled while not
 * done (a future that already had its result stays a result, as {@code fut.cancel()} returns
 * False on a done future in asyncio). The primitives rely on both to never lose a wake-up.
 *
 * <p>Cancellation: {@link #cancel} is written once here; what differs goes in {@link #onCancel}
 * (a socket wait stops watching its socket; gather cancels its children instead of itself).
 *
 * <p>Threading: loop-confined. Nulls: a result may be null; the description must not be.
 */
non-sealed class LoopFuture extends WaitTarget {
    final EventLoop loop;
    private final String description;
    private boolean done;
    private boolean cancelled;
    private Object result;
    private Throwable exception;
    private Handle waiterStep;

    LoopFuture(EventLoop loop, String description) {
        this.loop = loop;
        this.description = description;
    }

    final boolean isDone() {
        return done;
    }

    /** asyncio's {@code fut.cancelled()}. */
    final boolean isCancelled() {
        return cancelled;
    }

    final void setWaiter(Handle step) {
        waiterStep = step;
    }

    /** Sets the result and wakes the awaiting task, unless already done. */
    final void setResult(Object r) {
        if (done) {
            return;
        }
        done = true;
        result = r;
        wake();
    }

    final void setException(Throwable t) {
        if (done) {
            return;
        }
        done = true;
        exception = t;
        wake();
    }

    /** asyncio's {@code _release_waiter}: a null result, unless already done. */
    final void release() {
        setResult(null);
    }

    private void wake() {
        Handle s = waiterStep;
        waiterStep = null;
        if (s != null) {
            loop.schedule(s);
        }
    }

    final Object resultOrThrow() {
        if (exception != null) {
            throw CoroutineException.rethrow(exception);
        }
        return result;
    }

    /**
     * asyncio's {@code fut.cancel(msg)}: nothing if done; otherwise {@link #onCancel}.
     *
     * @return true if the cancellation will reach the awaiter through this future
     */
    final boolean cancel(String msg) {
        return !done && onCancel(msg);
    }

    /**
     * What cancelling a future that is not done does: here, completes it as cancelled, which
     * wakes the awaiting task with a {@link CancellationException} carrying {@code msg}.
     *
     * @return true if the cancellation will reach the awaiter through this future
     */
    boolean onCancel(String msg) {
        cancelled = true;
        setException(new CancellationException(msg));
        return true;
    }

    /**
     * The "just in case" {@code fut.cancel()} of asyncio's queues, called by the awaiting task
     * itself after it resumed: marks the future cancelled without scheduling the task again.
     */
    final void cancelByAwaiter() {
        setWaiter(null);
        cancel(null);
    }

    @Override
    final boolean cancelFor(Task<?> waiter, String msg) {
        return cancel(msg);
    }

    @Override
    boolean awaitsTasks() {
        return true; // the cycle check asks awaitedTasks(), empty but for gather and task groups
    }

    @Override
    final String describeWait() {
        return "<" + description + ">";
    }

    @Override
    public String toString() {
        return "<LoopFuture " + description + (done ? (cancelled ? " cancelled" : " done") : " pending") + ">";
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
