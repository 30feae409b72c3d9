package asynccourse.loop;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;

/**
 * A counting semaphore for coroutines, asyncio's {@code Semaphore} (3.11): {@link #acquire()}
 * takes a permit, waiting while none is free; {@link #release()} gives one back. The classic
 * use caps how many tasks do something at once, say at most 10 downloads in flight.
 *
 * <p>Invariants (as CPython 3.11.7's {@code locks.py}):
 * <ul>
 *   <li>{@code value >= 0}; a release wakes the first waiter that is not done and hands its
 *       permit to it at once (the value drops again), so a task that arrives later cannot
 *       overtake it: waiters are served first come, first served.</li>
 *   <li>{@code acquire} takes a permit without waiting only if the semaphore is not
 *       {@link #locked()}: some permit is free and no waiter is still in line.</li>
 *   <li>No lost wake-up: a waiter cancelled after it was handed a permit gives the permit
 *       back and wakes the next waiter; a waiter cancelled before takes nothing.</li>
 * </ul>
 *
 * <p>Threading: not thread-safe; like every asyncio primitive it belongs to one event loop
 * (the loop of the first task that waits on it) and is used from that loop's coroutines and
 * callbacks; from another thread, go through {@link EventLoop#callSoonThreadsafe}
 * ({@code loop.callSoonThreadsafe(sem::release)}). {@link #acquire()} and {@link #hold()} must
 * be called from a coroutine. Cancellation: a task cancelled while it waits in
 * {@code acquire} gets {@link CancellationException} and holds no permit. Nulls: no argument
 * is an object.
 *
 * <pre>{@code
 * Semaphore slots = new Semaphore(3);          // asyncio.Semaphore(3)
 * Coroutine<String> fetch = () -> {
 *     try (Held slot = slots.hold()) {         // async with slots:
 *         sleep(Duration.ofMillis(500));       //     at most 3 of these at once
 *         return "page";
 *     }
 * };
 * }</pre>
 */
public sealed class Semaphore permits BoundedSemaphore {
    private static final String WAIT_DETAIL = "semaphore";

    private int value;
    private final ArrayDeque<LoopFuture> waiters = new ArrayDeque<>();
    private EventLoop loop;

    /**
     * Creates a semaphore with {@code value} permits.
     *
     * @param value the initial number of permits, at least 0
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
        }
        this.value = value;
    }

    /**
     * Creates a semaphore with one permit ({@code asyncio.Semaphore()}).
     */
    public Semaphore() {
        this(1);
    }

    /**
     * Tells whether {@link #acquire()} would wait: no permit is free, or a task that is not
     * cancelled is still waiting for one.
     *
     * @return true if an acquire cannot succeed at once
     */
    public boolean locked() {
        if (value == 0) {
            return true;
        }
        for (LoopFuture w : waiters) {
            if (!w.isCancelled()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the internal counter (asyncio's {@code _value}): the permits free right now.
     * A permit already handed to a woken waiter that has not run yet is not counted.
     *
     * @return the counter, at least 0
     */
    public int value() {
        return value;
    }

    /**
     * Takes a permit, waiting first while the semaphore is {@link #locked()} ({@code await
     * sem.acquire()}). Waiters get their permits in the order they started waiting.
     *
     * @throws CancellationException if the calling task is cancelled while it waits; it then
     *     holds no permit
     * @throws IllegalStateException outside a coroutine, or in a loop other than the one the
     *     semaphore is bound to
     */
    public void acquire() {
        Task<?> me = Task.current(name() + ".acquire()");
        if (!locked()) {
            value--;
            return;
        }
        loop = LoopFuture.bind(loop, me, this);
        LoopFuture fut = new LoopFuture(loop, name() + ".acquire");
        waiters.add(fut);
        try {
            try {
                me.awaitFuture(fut, WAIT_DETAIL);
            } finally {
                waiters.remove(fut);
            }
        } catch (CancellationException e) {
            if (!fut.isCancelled()) {
                // woken with a permit, then cancelled before it ran: pass the permit on
                value++;
                wakeUpNext();
            }
            throw e;
        }
        if (value > 0) {
            wakeUpNext();
        }
    }

    /**
     * Acquires a permit and returns a {@link Held} that releases it: the twin of
     * {@code async with sem:} is {@code try (Held held = sem.hold()) { ... }}.
     *
     * @return the held permit; closing it releases it (once)
     * @throws CancellationException if the calling task is cancelled while it waits
     * @throws IllegalStateException as {@link #acquire()}
     */
    public final Held hold() {
        acquire();
        return new HeldOnce(this::release, "held permit of", this);
    }

    /**
     * Gives a permit back and wakes the first waiter, if any; does not wait. May be called
     * from a coroutine or a callback of the loop.
     *
     * @throws IllegalStateException from a thread that is not running the semaphore's loop
     */
    public void release() {
        checkOwner(".release");
        value++;
        wakeUpNext();
    }

    /** For subclasses' checks. */
    final void checkOwner(String what) {
        EventLoop l = loop;
        if (l != null) {
            l.checkOwner(name() + what);
        }
    }

    private void wakeUpNext() {
        for (LoopFuture fut : waiters) {
            if (!fut.isDone()) {
                value--;
                fut.setResult(Boolean.TRUE);
                return;
            }
        }
    }

    private String name() {
        return getClass().getSimpleName();
    }

    /**
     * Describes the state as asyncio's repr does: {@code <Semaphore [locked, waiters:2]>} or
     * {@code <Semaphore [unlocked, value:3]>}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked, value:" + value;
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<" + name() + " [" + extra + "]>";
    }
}
