package asynccourse.loop;

import java.util.concurrent.CancellationException;

/**
 * A loop-confined one-shot future, asyncio's {@code Future}: a result or an exception set once by
 * a callback of the loop, awaited by tasks (one, for the library's own waiters), which the loop
 * wakes one iteration later (as asyncio's {@code fut.set_result} schedules the awaiting task with
 * {@code call_soon}). Done callbacks and awaiting tasks' steps are one list, scheduled in the
 * order they were added, as asyncio's {@code _callbacks}. The
 * synchronisation primitives, {@code waitFor}, the streams' drain and close, gather
 * ({@link GatheringFuture}), task groups and socket readiness ({@link SocketReadyFuture}) all
 * suspend a task on one of these; the public {@link AsyncFuture} is one, with asyncio's stricter
 * {@code set_result} (which refuses a future already done) on top.
 *
 * <p>Invariants: done at most once; {@link #isCancelled()} only if it was cancelled while not
 * done (a future that already had its result stays a result, as {@code fut.cancel()} returns
 * False on a done future in asyncio). The primitives rely on both to never lose a wake-up.
 *
 * <p>Cancellation: {@link #cancel} is written once here; what differs goes in {@link #onCancel}
 * (a socket wait stops watching its socket; gather cancels its children instead of itself).
 *
 * <p>Threading: loop-confined. Nulls: a result may be null; the description must not be (a
 * subclass that passes null builds it in {@link #description()} instead, when someone asks).
 */
non-sealed class LoopFuture extends WaitTarget {
    final EventLoop loop;
    private final String description;
    private boolean done;
    private boolean cancelled;
    private Object result;
    private Throwable exception;
    /** Done callbacks and awaiting steps, in the order added: null, one {@link Handle}, or an ArrayList of them. */
    private Object callbacks;

    LoopFuture(EventLoop loop, String description) {
        this.loop = loop;
        this.description = description;
    }

    /** What this future stands for, as its repr shows it ({@code gather(2)}); built on demand by subclasses made per call. */
    String description() {
        return description;
    }

    final boolean isDone() {
        return done;
    }

    /** asyncio's {@code fut.cancelled()}. */
    final boolean isCancelled() {
        return cancelled;
    }

    /** An awaiting task's step: scheduled when this future is done (see {@link #addDoneHandle}). */
    final void addWaiter(Handle step) {
        addDoneHandle(step);
    }

    /**
     * Adds a ready item (a done callback or an awaiting step) to schedule when this future is
     * done; scheduled at once (next iteration) if it is done already, as asyncio's
     * {@code add_done_callback}.
     */
    final void addDoneHandle(Handle h) {
        if (done) {
            loop.schedule(h);
            return;
        }
        callbacks = DoneCallbacks.add(callbacks, h);
    }

    /** Removes every item that {@code which} accepts, not yet scheduled; returns how many (asyncio's {@code remove_done_callback}). */
    final int removeDoneHandles(java.util.function.Predicate<Handle> which) {
        int before = DoneCallbacks.size(callbacks);
        callbacks = DoneCallbacks.remove(callbacks, which);
        return before - DoneCallbacks.size(callbacks);
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
        Object cbs = callbacks;
        callbacks = null;
        DoneCallbacks.scheduleAll(cbs, loop);
    }

    /** The exception (a {@link CancellationException} if cancelled), null if done with a result or not done. */
    final Throwable rawException() {
        return exception;
    }

    /** The result if done with one, else null. */
    final Object rawResult() {
        return result;
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
     * itself after it resumed: marks the future cancelled without scheduling the task again
     * (the library's own futures of this kind have that one awaiter and no done callbacks).
     */
    final void cancelByAwaiter() {
        callbacks = null;
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
        return "<" + description() + ">";
    }

    @Override
    public String toString() {
        return "<LoopFuture " + description() + (done ? (cancelled ? " cancelled" : " done") : " pending") + ">";
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
