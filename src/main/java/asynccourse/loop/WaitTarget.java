package asynccourse.loop;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a suspended task can wait on, one sealed type so that cancelling, describing and
 * cycle-checking a wait need no {@code instanceof} chain: another {@link Task}, a
 * {@link TimerHandle}, the waiting task's own sleep ({@link OwnSleep}), a {@link LoopFuture} (gather, task group, a lock, ...), a
 * {@link CompletableFuture} ({@link OnCompletableFuture}) or one loop iteration ({@link Yield}).
 *
 * <p>Threading: loop-confined, like the task that waits. Nulls: a task that is not suspended
 * waits on nothing (null).
 */
abstract sealed class WaitTarget extends Handle permits TimerEntry, LoopFuture, WaitTarget.Yield,
        WaitTarget.OwnSleep, WaitTarget.OnCompletableFuture {

    /**
     * Hands a cancellation of {@code waiter} (which waits on this) on to what it waits for.
     *
     * @return true if the cancellation will reach the waiter through this; false if the waiter
     *     must keep it pending itself (it is woken, or will be, by other means)
     */
    abstract boolean cancelFor(Task<?> waiter, String msg);

    /**
     * Only a task (its step) and a due timer are ready items; any other wait target in the
     * ready queue is a bug of the loop.
     */
    @Override
    void invoke() {
        throw new IllegalStateException(this + " is not a ready item");
    }

    /**
     * Whether a sweep that cancels every pending task (close, interrupt) reaches what a task
     * waiting on this awaits by itself (another task, gather's children), so the waiting task
     * need not hand its cancel on through this.
     */
    boolean sweepReachesAwaited() {
        return false;
    }

    /** Whether waiting on this can wait for tasks (only then can it close an await cycle). */
    boolean awaitsTasks() {
        return false;
    }

    /** The tasks that waiting on this waits for, not yet done (for the await-cycle check). */
    Iterable<Task<?>> awaitedTasks() {
        return List.of();
    }

    /** The wait as a task's repr shows it: {@code <sleep until 1.000>}, {@code <Task main>}. */
    abstract String describeWait();

    /** {@code sleep(Duration.ZERO)}: one loop iteration; the step is already scheduled. */
    static final class Yield extends WaitTarget {
        static final Yield INSTANCE = new Yield();

        private Yield() {}

        @Override
        boolean cancelFor(Task<?> waiter, String msg) {
            return false; // the waiter runs on the next iteration anyway
        }

        @Override
        String describeWait() {
            return "<yield>";
        }
    }

    /**
     * A task's own sleep: its timer is the task itself (see {@code Task.sleepNanos}), so one
     * shared target stands for every such sleep; cancelling the wait cancels the task's timer.
     */
    static final class OwnSleep extends WaitTarget {
        static final OwnSleep INSTANCE = new OwnSleep();

        private OwnSleep() {}

        @Override
        boolean cancelFor(Task<?> waiter, String msg) {
            waiter.cancelOwnSleep();
            return false;
        }

        @Override
        String describeWait() {
            return "<sleep>"; // Task.toString says until when
        }
    }

    /** A {@link CompletableFuture} that any thread may complete. */
    static final class OnCompletableFuture extends WaitTarget {
        private final CompletableFuture<?> future;

        OnCompletableFuture(CompletableFuture<?> future) {
            this.future = future;
        }

        @Override
        boolean cancelFor(Task<?> waiter, String msg) {
            // cancelling the future wakes the waiter; returning false keeps its cancel pending,
            // so it sees a CancellationException with the cancel message, not the future's
            future.cancel(true);
            return false;
        }

        @Override
        String describeWait() {
            return "<Future>";
        }
    }
}
