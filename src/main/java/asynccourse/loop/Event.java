package asynccourse.loop;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;

/**
 * A flag that tasks can wait for, asyncio's {@code Event} (3.11): {@link #set()} raises it and
 * wakes every task waiting in {@link #await()}; {@link #clear()} lowers it again. Typical use:
 * one task says "ready" or "stop" to any number of others.
 *
 * <p>Invariants (as CPython 3.11.7's {@code locks.py}): the flag starts lowered; a
 * {@code set()} wakes exactly the tasks waiting at that moment, each one iteration later, and
 * they return even if the flag was cleared again before they ran; {@code await()} on a raised
 * flag returns at once without suspending.
 *
 * <p>Threading: not thread-safe; it belongs to one event loop (the loop of the first task that
 * waits on it) and is used from that loop's coroutines and callbacks; another thread sets it
 * with {@code loop.callSoonThreadsafe(event::set)}. {@link #await()} must be called from a
 * coroutine. Cancellation: a task cancelled while it waits gets {@link CancellationException}
 * and is no longer counted as a waiter; the others are not affected. Nulls: no argument is an
 * object.
 *
 * <pre>{@code
 * Event ready = new Event();
 * Task<String> waiter = createTask(() -> {
 *     ready.await();                     // await ready.wait()
 *     return "go";
 * });
 * sleep(Duration.ofSeconds(1));
 * ready.set();                           // waiter returns "go" at 1 s
 * }</pre>
 */
public final class Event {
    private static final String WAIT_DETAIL = "event";

    private boolean value;
    private final ArrayDeque<LoopFuture> waiters = new ArrayDeque<>();
    private EventLoop loop;

    /**
     * Creates an event whose flag is lowered.
     */
    public Event() {}

    /**
     * Tells whether the flag is raised (asyncio's {@code is_set()}).
     *
     * @return true if set
     */
    public boolean isSet() {
        return value;
    }

    /**
     * Raises the flag and wakes every task waiting for it; does nothing if it is already
     * raised. May be called from a coroutine or a callback of the loop.
     *
     * @throws IllegalStateException from a thread that is not running the event's loop
     */
    public void set() {
        checkOwner("Event.set");
        if (!value) {
            value = true;
            for (LoopFuture fut : waiters) {
                if (!fut.isDone()) {
                    fut.setResult(Boolean.TRUE);
                }
            }
        }
    }

    /**
     * Lowers the flag: later {@link #await()} calls wait for the next {@link #set()}. Tasks
     * already woken by a {@code set()} still return.
     *
     * @throws IllegalStateException from a thread that is not running the event's loop
     */
    public void clear() {
        checkOwner("Event.clear");
        value = false;
    }

    /**
     * Waits until the flag is raised, asyncio's {@code await event.wait()} (Java's
     * {@code Object.wait()} owns the name {@code wait}); returns at once if it is raised already.
     *
     * @throws CancellationException if the calling task is cancelled while it waits
     * @throws IllegalStateException outside a coroutine, or in a loop other than the one the
     *     event is bound to
     */
    public void await() {
        Task<?> me = Task.current("Event.await()");
        if (value) {
            return;
        }
        loop = LoopFuture.bind(loop, me, this);
        LoopFuture fut = new LoopFuture(loop, "Event.await");
        waiters.add(fut);
        try {
            me.awaitFuture(fut, WAIT_DETAIL);
        } finally {
            waiters.remove(fut);
        }
    }

    private void checkOwner(String what) {
        EventLoop l = loop;
        if (l != null) {
            l.checkOwner(what);
        }
    }

    /**
     * Describes the state as asyncio's repr does: {@code <Event [set]>},
     * {@code <Event [unset, waiters:2]>}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String extra = value ? "set" : "unset";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Event [" + extra + "]>";
    }
}
