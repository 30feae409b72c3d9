package asynccourse.loop;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;

/**
 * A meeting point for a fixed number of tasks, asyncio's {@code Barrier} (3.11): each task
 * calling {@link #await()} waits until {@link #parties()} tasks have called it, then all of them
 * go on at once, each with a different index from 0 to {@code parties - 1}. The barrier can then
 * be used again. {@link #reset()} and {@link #abort()} break the wait of the tasks inside with
 * {@link BrokenBarrierException} (asyncio's {@code BrokenBarrierError}).
 *
 * <p>Invariants (as CPython 3.11.7's {@code locks.py}, built on a {@link Condition}): states
 * filling → draining (the last party arrived; the others leave) → filling again when the last
 * one has left; {@code reset} moves to resetting until the tasks inside have left (they get
 * {@code BrokenBarrierException}), {@code abort} to broken for good. Tasks arriving while it
 * drains or resets wait for it to fill again.
 *
 * <p>Threading: not thread-safe; it belongs to one event loop and is used from that loop's
 * coroutines: {@link #await()}, {@link #reset()} and {@link #abort()} must be called from a
 * coroutine (they take the barrier's lock). Cancellation: a task cancelled while it waits gets
 * {@link CancellationException} and leaves the barrier (it no longer counts as arrived).
 * Nulls: no argument is an object.
 *
 * <pre>{@code
 * Barrier start = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     createTask(() -> {
 *         prepare();
 *         start.await();      // all three go on together, once the last has prepared
 *         return race();
 *     });
 * }
 * }</pre>
 */
public final class Barrier {
    private enum State {
        FILLING("filling"), DRAINING("draining"), RESETTING("resetting"), BROKEN("broken");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    private int count;

    /**
     * Creates a barrier for {@code parties} tasks.
     *
     * @param parties how many tasks must arrive, at least 1
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0, got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits until {@link #parties()} tasks are waiting, then returns (asyncio's
     * {@code await barrier.wait()}; also its {@code async with barrier}).
     *
     * @return this task's index, from 0 (the first to arrive) to {@code parties - 1} (the last,
     *     whose arrival let every one go)
     * @throws BrokenBarrierException if the barrier is broken ({@link #abort()}) or is reset
     *     ({@link #reset()}) while the task waits
     * @throws CancellationException if the task is cancelled while it waits
     * @throws IllegalStateException outside a coroutine
     */
    @SuppressWarnings("try") // the Held is only closed
    public int await() throws BrokenBarrierException {
        try (Held held = cond.hold()) {
            block(); // while the barrier drains or resets
            try {
                int index = count;
                count++;
                if (index + 1 == parties) {
                    state = State.DRAINING; // release the tasks waiting in the barrier
                    cond.signalAll();
                } else {
                    waitInside();
                }
                return index;
            } finally {
                count--;
                exit();
            }
        }
    }

    private void block() throws BrokenBarrierException {
        cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING);
        if (state == State.BROKEN) {
            throw new BrokenBarrierException("Barrier aborted");
        }
    }

    private void waitInside() throws BrokenBarrierException {
        cond.waitFor(() -> state != State.FILLING);
        if (state == State.BROKEN || state == State.RESETTING) {
            throw new BrokenBarrierException("Abort or reset of barrier");
        }
    }

    /** The last task to leave lets waiting arrivals in. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /**
     * Puts the barrier back to its initial state (asyncio's {@code await barrier.reset()}): the
     * tasks waiting in it get {@link BrokenBarrierException}.
     *
     * @throws CancellationException if the task is cancelled while it takes the barrier's lock
     * @throws IllegalStateException outside a coroutine
     */
    @SuppressWarnings("try") // the Held is only closed
    public void reset() {
        try (Held held = cond.hold()) {
            if (count > 0) {
                if (state != State.RESETTING) {
                    state = State.RESETTING;
                }
            } else {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /**
     * Breaks the barrier for good (asyncio's {@code await barrier.abort()}): the tasks waiting
     * in it, and every later {@link #await()}, get {@link BrokenBarrierException}.
     *
     * @throws CancellationException if the task is cancelled while it takes the barrier's lock
     * @throws IllegalStateException outside a coroutine
     */
    @SuppressWarnings("try") // the Held is only closed
    public void abort() {
        try (Held held = cond.hold()) {
            state = State.BROKEN;
            cond.signalAll();
        }
    }

    /**
     * Returns how many tasks must arrive to let them all go.
     *
     * @return the number of parties
     */
    public int parties() {
        return parties;
    }

    /**
     * Returns how many tasks are waiting in the barrier while it fills (asyncio's
     * {@code n_waiting}); 0 while it drains, resets or is broken.
     *
     * @return the number of waiting tasks
     */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /**
     * Tells whether the barrier is broken (asyncio's {@code broken}).
     *
     * @return true after {@link #abort()}
     */
    public boolean broken() {
        return state == State.BROKEN;
    }

    /**
     * Describes the state as asyncio's repr does: {@code <Barrier [filling, waiters:1/3]>},
     * {@code <Barrier [broken]>}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String extra = state.label;
        if (!broken()) {
            extra += ", waiters:" + nWaiting() + "/" + parties;
        }
        return "<Barrier [" + extra + "]>";
    }
}
