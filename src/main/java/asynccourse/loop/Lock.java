package asynccourse.loop;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;

/**
 * A mutual-exclusion lock for coroutines, asyncio's {@code Lock} (3.11): at most one task holds
 * it; the others wait in {@link #acquire()} until {@link #release()}, then get it one at a
 * time, first come, first served. Needed when a critical section spans an await (between two
 * awaits a task runs alone anyway, on a single-threaded loop).
 *
 * <p>Invariants (as CPython 3.11.7's {@code locks.py}):
 * <ul>
 *   <li>Owner-less, as asyncio's: any task or callback may release it, not only the one that
 *       acquired it; and it is not reentrant: a task that acquires it twice waits for itself
 *       forever.</li>
 *   <li>{@code acquire} takes it without waiting only if it is unlocked and every task still
 *       in line was cancelled; a release wakes the first waiter in line, which takes the lock
 *       when it runs (a task arriving in between finds the line and waits behind it).</li>
 *   <li>No lost wake-up: a waiter cancelled after it was woken, while the lock is still free,
 *       wakes the next one.</li>
 * </ul>
 *
 * <p>Threading: not thread-safe, and not a replacement for {@code java.util.concurrent.locks}:
 * it belongs to one event loop (the loop of the first task that waits on it) and is used from
 * that loop's coroutines and callbacks. {@link #acquire()} and {@link #hold()} must be called
 * from a coroutine. Cancellation: a task cancelled while it waits gets
 * {@link CancellationException} and does not hold the lock. Nulls: no argument is an object.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * Coroutine<Void> update = () -> {
 *     try (Held held = lock.hold()) {    // async with lock:
 *         int n = read();                //     no other task runs this block meanwhile,
 *         sleep(Duration.ofMillis(10));  //     even across this await
 *         write(n + 1);
 *     }
 *     return null;
 * };
 * }</pre>
 */
public final class Lock {
    private static final String WAIT_DETAIL = "lock";

    private boolean locked;
    private final ArrayDeque<LoopFuture> waiters = new ArrayDeque<>();
    private EventLoop loop;

    /**
     * Creates an unlocked lock.
     */
    public Lock() {}

    /**
     * Tells whether some task holds the lock.
     *
     * @return true if locked
     */
    public boolean locked() {
        return locked;
    }

    /**
     * Takes the lock, waiting first while another task holds it or tasks are in line before
     * this one ({@code await lock.acquire()}).
     *
     * @throws CancellationException if the calling task is cancelled while it waits; it then
     *     does not hold the lock
     * @throws IllegalStateException outside a coroutine, or in a loop other than the one the
     *     lock is bound to
     */
    public void acquire() {
        Task<?> me = Task.current("Lock.acquire()");
        if (!locked && allCancelled()) {
            locked = true;
            return;
        }
        loop = LoopFuture.bind(loop, me, this);
        LoopFuture fut = new LoopFuture(loop, "Lock.acquire");
        waiters.add(fut);
        try {
            try {
                me.awaitFuture(fut, WAIT_DETAIL);
            } finally {
                // removed before the wake-up below, so that it cannot wake this task itself
                waiters.remove(fut);
            }
        } catch (CancellationException e) {
            if (!locked) {
                wakeUpFirst();
            }
            throw e;
        }
        locked = true;
    }

    /**
     * Takes the lock and returns a {@link Held} that releases it: the twin of
     * {@code async with lock:} is {@code try (Held held = lock.hold()) { ... }}.
     *
     * @return the held lock; closing it releases it (once)
     * @throws CancellationException if the calling task is cancelled while it waits
     * @throws IllegalStateException as {@link #acquire()}
     */
    public Held hold() {
        acquire();
        return new HeldOnce(this::release, "held", this);
    }

    /**
     * Unlocks it and wakes the first task in line, if any; does not wait. Any task or callback
     * of the loop may release it (the lock has no owner).
     *
     * @throws IllegalStateException if it is not locked (asyncio raises {@code RuntimeError}),
     *     or from a thread that is not running the lock's loop
     */
    public void release() {
        EventLoop l = loop;
        if (l != null) {
            l.checkOwner("Lock.release");
        }
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired: release() must follow a successful acquire()");
        }
        locked = false;
        wakeUpFirst();
    }

    private boolean allCancelled() {
        for (LoopFuture w : waiters) {
            if (!w.isCancelled()) {
                return false;
            }
        }
        return true;
    }

    private void wakeUpFirst() {
        LoopFuture fut = waiters.peekFirst();
        // a done first waiter will run later and either take the lock or, cancelled, wake the next
        if (fut != null && !fut.isDone()) {
            fut.setResult(Boolean.TRUE);
        }
    }

    /**
     * Describes the state as asyncio's repr does: {@code <Lock [unlocked]>},
     * {@code <Lock [locked, waiters:2]>}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String extra = locked ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Lock [" + extra + "]>";
    }
}
