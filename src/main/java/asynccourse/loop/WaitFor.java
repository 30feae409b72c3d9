package asynccourse.loop;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * CPython 3.11's {@code asyncio.wait_for}, step by step (and 3.12's, built on {@link Timeout},
 * for a loop following 3.12): the algorithm behind both {@link Asyncio#waitFor} methods, whose javadoc states the contract and the ordering. The caller
 * waits on a {@link LoopFuture} of its own (asyncio's {@code loop.create_future()}) that the timer
 * or the inner task's completion releases, so the caller's own cancellation stays apart from the
 * inner task's outcome.
 *
 * <p>Threading: called by a coroutine of the loop ({@code me}). Nulls: arguments must not be null.
 */
final class WaitFor {
    private WaitFor() {}

    /**
     * CPython's wait_for, step by step, as the loop's asyncio version has it; {@code ensure} is
     * its ensure_future, {@code direct} its {@code await fut} (the coroutine itself, or an await
     * of the task), which 3.12 runs in the caller's task inside a {@link Timeout}.
     */
    static <T> T run(Task<?> me, Supplier<Task<T>> ensure, Coroutine<T> direct, Duration timeout) {
        EventLoop loop = me.loop;
        if (loop.asyncio312 && timeout.isPositive()) {
            // 3.12: async with timeouts.timeout(timeout): return await fut
            return new Timeout(loop.time() + timeout.getSeconds() + timeout.getNano() / 1e9).run(direct);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            Task<T> inner = ensure.get();
            if (inner.isDone()) {
                return inner.resultOrThrow();
            }
            // a CancellationException out of this wait is the caller's own: it passes through
            cancelAndWait(me, inner);
            try {
                return inner.resultOrThrow();
            } catch (CancellationException ce) {
                throw new AsyncTimeoutException(timeout, ce);
            }
        }
        LoopFuture waiter = new LoopFuture(loop, "waitFor");
        // a limit of more than a lifetime never fires: no timer (and no overflow of the clock)
        TimerHandle timer = Timeout.beyondReach(timeout.getSeconds()) ? null
                : loop.callLaterNanos(timeout.toNanos(), waiter::release);
        Task<T> inner = ensure.get();
        Release release = new Release(waiter);
        inner.addCallbackInternal(release);
        try {
            try {
                me.awaitFuture(waiter, loop.trace != null ? "waitFor " + inner.name() : null);
            } catch (CancellationException ce) {
                if (inner.isDone()) {
                    return inner.resultOrThrow();
                }
                release.remove();
                cancelAndWait(me, inner);
                throw ce;
            }
            if (inner.isDone()) {
                return inner.resultOrThrow();
            }
            release.remove();
            cancelAndWait(me, inner);
            try {
                return inner.resultOrThrow();
            } catch (CancellationException ce) {
                throw new AsyncTimeoutException(timeout, ce);
            }
        } finally {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    /**
     * asyncio's {@code _cancel_and_wait}: cancels {@code inner} and waits, through a waiter of
     * its own, until it is done; so the caller stays cancellable meanwhile.
     */
    private static void cancelAndWait(Task<?> me, Task<?> inner) {
        LoopFuture waiter = new LoopFuture(me.loop, "cancel " + inner.name());
        Release release = new Release(waiter);
        inner.addCallbackInternal(release);
        try {
            inner.cancel();
            me.awaitFuture(waiter, me.loop.trace != null ? "cancelling " + inner.name() : null);
        } finally {
            release.remove();
        }
    }

    /** A done callback releasing a waiter (asyncio's {@code _release_waiter}); remove() disarms it. */
    private static final class Release implements Runnable {
        private LoopFuture waiter;

        Release(LoopFuture waiter) {
            this.waiter = waiter;
        }

        void remove() {
            waiter = null;
        }

        @Override
        public void run() {
            LoopFuture w = waiter;
            if (w != null) {
                w.release();
            }
        }

        @Override
        public String toString() {
            return "release waiter";
        }
    }
}
