package asynccourse.loop;

/**
 * An entry of the loop's timer heap: a {@link TimerHandle} ({@code callLater}, {@code callAt})
 * or a sleeping {@link Task} itself, whose own fields hold its sleep's timer (so that a
 * sleeping task costs no timer object, see {@code Task.sleepNanos}). Entries run in deadline
 * order, ties in creation order ({@code seq}). When due, the loop moves the entry to its ready
 * queue ({@link #markDue}), where it is its own ready item; a cancelled entry stays in the heap
 * until the loop drops it ({@link #dropIfCancelled}).
 *
 * <p>Threading: the loop's thread of control only. Nulls: not applicable.
 */
abstract sealed class TimerEntry extends WaitTarget implements Comparable<TimerEntry> permits Task, TimerHandle {
    /** When the entry is due, on the loop's clock (nanoseconds); set when it enters the heap. */
    long deadline;
    /** The loop's count of timers at entry: ties run in creation order. */
    long seq;

    /** Whether the entry was cancelled while in the heap or while due. */
    abstract boolean timerCancelled();

    /** The loop moved the due entry to its ready queue: its {@link #invoke()} now fires it. */
    abstract void markDue();

    /** The loop takes the entry out of the heap: if it was cancelled, it forgets it and returns true. */
    abstract boolean dropIfCancelled();

    /** The loop drops the entry from its heap whatever its state (on close). */
    abstract void dropped();

    @Override
    public final int compareTo(TimerEntry o) {
        int c = Long.compare(deadline, o.deadline);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
