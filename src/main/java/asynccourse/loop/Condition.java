package asynccourse.loop;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for coroutines, asyncio's {@code Condition} (3.11): tasks holding its
 * {@link Lock} wait in {@link #await()} until another task signals them; each then takes the
 * lock back before it returns. The classic use: wait, under the lock, until some state holds.
 *
 * <p>Names: asyncio's {@code wait()}, {@code notify(n)} and {@code notify_all()} are
 * {@link #await()}, {@link #signal(int)} and {@link #signalAll()} here, as in
 * {@code java.util.concurrent.locks.Condition}, because {@code Object} owns {@code wait},
 * {@code notify} and {@code notifyAll} (a {@code cond.notify()} would call
 * {@code Object.notify} and throw {@code IllegalMonitorStateException}); {@code wait_for} is
 * {@link #waitFor(BooleanSupplier)}.
 *
 * <p>Invariants (as CPython 3.11.7's {@code locks.py}):
 * <ul>
 *   <li>{@code await} and {@code signal} need the lock held (asyncio raises
 *       {@code RuntimeError}; here {@link IllegalStateException}). {@code await} releases it,
 *       waits to be signalled, and always takes it back before returning or throwing, even when
 *       the task is cancelled meanwhile (the {@link CancellationException} comes after the lock
 *       is held again).</li>
 *   <li>{@code signal(n)} wakes the first {@code n} waiters not already woken, in the order they
 *       started waiting; a woken waiter returns only once it has the lock, which the signalling
 *       task still holds.</li>
 * </ul>
 *
 * <p>Threading: not thread-safe; it belongs to one event loop (the loop of the first task that
 * waits on it) and is used from that loop's coroutines. {@link #await()}, {@link #waitFor},
 * {@link #acquire()} and {@link #hold()} must be called from a coroutine. Cancellation: see the
 * invariants: a cancelled waiter still holds the lock when it sees the
 * {@link CancellationException}. Nulls: arguments must not be null.
 *
 * <pre>{@code
 * Condition ready = new Condition();
 * List<String> items = new ArrayList<>();
 * // consumer                                  // producer
 * try (Held h = ready.hold()) {                // try (Held h = ready.hold()) {
 *     ready.waitFor(() -> !items.isEmpty());   //     items.add("x");
 *     String item = items.remove(0);           //     ready.signal();
 * }                                            // }
 * }</pre>
 */
public final class Condition {
    private static final String WAIT_DETAIL = "condition";

    private final Lock lock;
    private final ArrayDeque<LoopFuture> waiters = new ArrayDeque<>();
    private EventLoop loop;

    /**
     * Creates a condition with a new {@link Lock} of its own.
     */
    public Condition() {
        this(new Lock());
    }

    /**
     * Creates a condition over an existing lock (asyncio's {@code Condition(lock)}), so that
     * several conditions can share one lock.
     *
     * @param lock the lock
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock: for a lock of its own, use new Condition()");
    }

    /**
     * Tells whether the lock is held.
     *
     * @return true if locked
     */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Takes the lock, waiting while another task holds it (see {@link Lock#acquire()}).
     *
     * @throws CancellationException if the calling task is cancelled while it waits
     */
    public void acquire() {
        lock.acquire();
    }

    /**
     * Releases the lock (see {@link Lock#release()}).
     *
     * @throws IllegalStateException if it is not locked
     */
    public void release() {
        lock.release();
    }

    /**
     * Takes the lock and returns a {@link Held} that releases it: {@code async with cond:} is
     * {@code try (Held held = cond.hold()) { ... }}.
     *
     * @return the held lock
     * @throws CancellationException if the calling task is cancelled while it waits
     */
    public Held hold() {
        acquire();
        return new HeldOnce(this::release, "held lock of", this);
    }

    /**
     * Releases the lock, waits until signalled, then takes the lock back (asyncio's
     * {@code await cond.wait()}).
     *
     * @throws IllegalStateException if the lock is not held, or outside a coroutine
     * @throws CancellationException if the task is cancelled while it waits; the lock is held
     *     again when it is thrown
     */
    public void await() {
        Task<?> me = Task.current("Condition.await()");
        if (!locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock: take it first (try (Held h = cond.hold()) { cond.await(); })");
        }
        loop = LoopFuture.bind(loop, me, this);
        release();
        try {
            LoopFuture fut = new LoopFuture(loop, "Condition.await");
            waiters.add(fut);
            try {
                me.awaitFuture(fut, WAIT_DETAIL);
            } finally {
                waiters.remove(fut);
            }
        } finally {
            // the lock is taken back even if the wait was cancelled
            boolean cancelled = false;
            while (true) {
                try {
                    lock.acquire();
                    break;
                } catch (CancellationException e) {
                    cancelled = true;
                }
            }
            if (cancelled) {
                throw new CancellationException();
            }
        }
    }

    /**
     * Waits until {@code predicate} holds (asyncio's {@code await cond.wait_for(predicate)}):
     * checks it, and {@link #await()}s again as long as it is false. Call it with the lock held;
     * the predicate is always checked with the lock held.
     *
     * @param predicate the state to wait for
     * @return the predicate's last value (true)
     * @throws IllegalStateException if the lock is not held when it has to wait
     * @throws CancellationException if the task is cancelled while it waits (the lock is held)
     */
    public boolean waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        boolean result = predicate.getAsBoolean();
        while (!result) {
            await();
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes one waiting task (asyncio's {@code notify()}); see {@link #signal(int)}.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, first come first served (asyncio's
     * {@code notify(n)}); does nothing if none waits. A woken task returns from
     * {@link #await()} only once it has the lock, so release it after signalling.
     *
     * @param n the most tasks to wake
     * @throws IllegalStateException if the lock is not held (asyncio's {@code RuntimeError:
     *     cannot notify on un-acquired lock})
     */
    public void signal(int n) {
        if (loop != null) {
            loop.checkOwner("Condition.signal");
        }
        if (!locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock: take it first (try (Held h = cond.hold()) { cond.signal(); })");
        }
        int idx = 0;
        for (LoopFuture fut : waiters) {
            if (idx >= n) {
                break;
            }
            if (!fut.isDone()) {
                idx++;
                fut.setResult(Boolean.FALSE);
            }
        }
    }

    /**
     * Wakes every waiting task (asyncio's {@code notify_all()}).
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void signalAll() {
        signal(waiters.size());
    }

    /**
     * Describes the state as asyncio's repr does: {@code <Condition [unlocked]>},
     * {@code <Condition [locked, waiters:2]>}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Condition [" + extra + "]>";
    }
}
