package asynccourse.loop;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * A bare future of the loop, asyncio's {@code Future} (what {@code loop.create_future()} returns):
 * a result or an exception set once, by whoever holds it; any number of tasks may
 * {@link #await()} it, and done callbacks run when it is done. Make one with
 * {@link EventLoop#createFuture()}. (Named {@code AsyncFuture}, as {@link AsyncTimeoutException}
 * is, because {@code java.util.concurrent.Future}, which JShell imports by default, owns the
 * name {@code Future}.)
 *
 * <p>It is how a callback-style API is bridged into a coroutine: the callback sets the future,
 * the coroutine awaits it.
 * <pre>{@code
 * // an API that calls back on the loop (here a timer of the loop stands in for it)
 * AsyncFuture<String> reply = getRunningLoop().createFuture();
 * getRunningLoop().callLater(Duration.ofSeconds(1), () -> reply.setResult("pong"));
 * String s = reply.await();                          // "pong", 1 s later
 *
 * // an API that calls back on a thread of its own: hop onto the loop first
 * EventLoop loop = getRunningLoop();
 * AsyncFuture<byte[]> data = loop.createFuture();
 * client.fetch(url, bytes -> loop.callSoonThreadsafe(() -> data.setResult(bytes)),
 *                   error -> loop.callSoonThreadsafe(() -> data.setException(error)));
 * byte[] body = data.await();
 * }</pre>
 * (For an API that returns a {@link java.util.concurrent.CompletableFuture}, just
 * {@link Asyncio#await(java.util.concurrent.CompletableFuture)} it.)
 *
 * <p>Invariants, as CPython 3.11's {@code futures.py}: pending, then done exactly once (a
 * result, an exception, or cancelled); {@link #setResult} and {@link #setException} on a done
 * future throw (asyncio's {@code InvalidStateError}), {@link #cancel()} on a done future returns
 * false; when it becomes done, the done callbacks and the awaiting tasks are scheduled (they run
 * on the next loop iteration), in the order they were added. It is built on the loop's own
 * one-shot future, so it cancels and wakes exactly as the loop's locks, queues and
 * {@code waitFor} do.
 *
 * <p>Threading: loop-confined, not thread-safe: set, cancel and await it from the coroutines and
 * callbacks of its loop; from another thread, go through
 * {@link EventLoop#callSoonThreadsafe} as above. (On a {@link VirtualClock} the loop does not
 * wait for other threads to set it: it jumps to its next timer. A result from another thread is
 * better delivered as a {@code CompletableFuture}, which the clock does wait for.)
 * Cancellation: {@link #cancel()} completes it as cancelled; every task awaiting it then gets a
 * {@link CancellationException}. A task cancelled while it awaits the future cancels the future
 * (as in asyncio), so the other tasks awaiting it are cancelled too; use
 * {@link Asyncio#shield} to keep it apart. Nulls: a result may be null; an exception, a
 * callback must not be.
 *
 * @param <T> the result type
 */
public final class AsyncFuture<T> implements Awaitable<T> {
    /** The loop's one-shot future underneath: its cancel, wake-up and callback list are this future's. */
    final LoopFuture core;

    AsyncFuture(EventLoop loop) {
        this.core = new LoopFuture(loop, "Future");
    }

    EventLoop loop() {
        return core.loop;
    }

    /**
     * Sets the result and schedules the done callbacks and the awaiting tasks.
     *
     * @param result the result, may be null
     * @throws IllegalStateException if the future is already done (asyncio's
     *     {@code InvalidStateError}), or from a thread that is not running its loop
     */
    public void setResult(T result) {
        core.loop.checkOwner("AsyncFuture.setResult");
        checkPending("setResult");
        core.setResult(result);
    }

    /**
     * Sets an exception: awaiting the future rethrows it (checked exceptions wrapped in
     * {@link CoroutineException}).
     *
     * @param exception the failure
     * @throws IllegalStateException if the future is already done (asyncio's
     *     {@code InvalidStateError}), or from a thread that is not running its loop
     */
    public void setException(Throwable exception) {
        Objects.requireNonNull(exception, "exception: to complete the future without a failure, call setResult");
        core.loop.checkOwner("AsyncFuture.setException");
        checkPending("setException");
        core.setException(exception);
    }

    private void checkPending(String what) {
        if (core.isDone()) {
            throw new IllegalStateException("invalid state: " + what + "() on a future that is already done: " + this
                    + "; a future is set once (check isDone() first if two parties may set it)");
        }
    }

    /**
     * Cancels the future, unless it is done: it is then done and cancelled, and every task
     * awaiting it gets a {@link CancellationException}.
     *
     * @return false if it was done already, else true
     * @throws IllegalStateException from a thread that is not running its loop
     */
    @Override
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future with a message, carried by the {@link CancellationException}.
     *
     * @param msg the message, may be null
     * @return false if it was done already, else true
     * @throws IllegalStateException from a thread that is not running its loop
     */
    @Override
    public boolean cancel(String msg) {
        core.loop.checkOwner("AsyncFuture.cancel");
        return core.cancel(msg);
    }

    @Override
    public boolean isDone() {
        return core.isDone();
    }

    @Override
    public boolean isCancelled() {
        return core.isCancelled();
    }

    /**
     * Returns the result, or rethrows the exception (checked ones wrapped in
     * {@link CoroutineException}) or the {@link CancellationException}; does not wait.
     *
     * @return the result
     * @throws IllegalStateException if the future is not done yet (asyncio's
     *     {@code InvalidStateError: Result is not set.})
     */
    @Override
    @SuppressWarnings("unchecked")
    public T result() {
        if (!core.isDone()) {
            throw new IllegalStateException("Result is not set: " + this + " is still pending (await it, or check isDone())");
        }
        return (T) core.resultOrThrow();
    }

    /**
     * Returns the exception, or null if the future has a result; does not wait.
     *
     * @return the exception, or null
     * @throws IllegalStateException if the future is not done yet
     * @throws CancellationException if it was cancelled
     */
    @Override
    public Throwable exception() {
        if (!core.isDone()) {
            throw new IllegalStateException("Exception is not set: " + this + " is still pending (await it, or check isDone())");
        }
        if (core.isCancelled()) {
            throw (CancellationException) core.rawException();
        }
        return core.rawException();
    }

    /**
     * Suspends the calling coroutine until the future is done; then returns its result or
     * rethrows its exception or cancellation. Returns at once if it is done already. If the
     * calling task is cancelled meanwhile, the future is cancelled (as in asyncio).
     *
     * @return the result
     * @throws IllegalStateException outside a coroutine, or from a coroutine of another loop
     */
    @Override
    @SuppressWarnings("unchecked")
    public T await() {
        Task<?> me = RunningLoops.currentTaskOrNull();
        if (me == null) {
            throw new IllegalStateException("AsyncFuture.await() must be called from a coroutine running in the "
                    + "future's event loop; outside a loop, use result() once it is done");
        }
        if (me.loop != core.loop) {
            throw new IllegalStateException("cannot await " + this + " from a different event loop");
        }
        return (T) me.awaitFuture(core, core.loop.trace != null ? "future" : null);
    }

    /**
     * Adds a callback run (through {@code callSoon}, on the loop) when the future is done; if it
     * is done already, the callback is scheduled at once. Callbacks run in the order they were
     * added; what one throws is reported through the loop's warnings.
     *
     * @param callback receives this future
     * @throws IllegalStateException from a thread that is not running its loop
     */
    public void addDoneCallback(Consumer<? super AsyncFuture<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        core.loop.checkOwner("AsyncFuture.addDoneCallback");
        core.addDoneHandle(new DoneCallback(core.loop, this, callback));
    }

    /**
     * Removes every registration of {@code callback} not yet scheduled (asyncio's
     * {@code remove_done_callback}); callbacks are compared by identity.
     *
     * @param callback a callback given to {@link #addDoneCallback}
     * @return how many registrations were removed
     * @throws IllegalStateException from a thread that is not running its loop
     */
    public int removeDoneCallback(Consumer<? super AsyncFuture<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        core.loop.checkOwner("AsyncFuture.removeDoneCallback");
        return core.removeDoneHandles(h -> h instanceof DoneCallback d && d.fn == callback);
    }

    /** A public done callback, as a ready item; remembers the callback for removal. */
    private static final class DoneCallback extends Handle.Callback {
        final Consumer<?> fn;
        private final AsyncFuture<?> future;

        DoneCallback(EventLoop loop, AsyncFuture<?> future, Consumer<?> fn) {
            super(loop);
            this.future = future;
            this.fn = fn;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void run() {
            ((Consumer) fn).accept(future);
        }

        @Override
        public String toString() {
            return "done callback of " + future;
        }
    }

    /**
     * Describes the future as asyncio's repr does: {@code <Future pending>},
     * {@code <Future finished result=42>}, {@code <Future finished exception=...>},
     * {@code <Future cancelled>}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        if (!core.isDone()) {
            return "<Future pending>";
        }
        if (core.isCancelled()) {
            return "<Future cancelled>";
        }
        Throwable e = core.rawException();
        if (e != null) {
            return "<Future finished exception=" + e + ">";
        }
        String r = String.valueOf(core.rawResult());
        if (r.length() > 60) {
            r = r.substring(0, 57) + "...";
        }
        return "<Future finished result=" + r + ">";
    }
}
