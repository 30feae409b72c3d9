package asynccourse.trace;

import java.util.Objects;

/**
 * One thing that happened to a task: created, started a step, suspended (and on what),
 * finished.
 *
 * <p>Threading: immutable. Cancellation: not applicable. Nulls: {@code task} and {@code kind}
 * are never null; {@code detail} is never null (empty when there is nothing to say).
 *
 * <pre>{@code
 * for (TraceEvent e : loop.timeline().events()) {
 *     System.out.println(e.seconds() + " " + e.task() + " " + e.kind() + " " + e.detail());
 * }
 * }</pre>
 *
 * @param nanos loop-clock time of the event, in nanoseconds since tracing started
 * @param task the task's name ({@code "main"} for the main coroutine)
 * @param kind what happened
 * @param detail for {@link Kind#WAITING}, what the task waits on ({@code "sleep 1.000s"},
 *     {@code "task Task-3"}, {@code "gather(2)"}, {@code "future"}, {@code "thread"}, ...)
 */
public record TraceEvent(long nanos, String task, Kind kind, String detail) {

    /** What happened to a task. */
    public enum Kind {
        /** The task was created (scheduled to start on the next loop iteration). */
        CREATED,
        /** A step of the task starts: the loop handed control to it. */
        RUNNING,
        /** The task suspended at an await; the detail says on what. */
        WAITING,
        /** The task finished with a result. */
        DONE,
        /** The task finished with an exception. */
        FAILED,
        /** The task finished cancelled. */
        CANCELLED
    }

    /**
     * Validates the components.
     *
     * @param nanos time since the loop started; not negative
     * @param task task name
     * @param kind kind
     * @param detail detail, null becomes ""
     */
    public TraceEvent {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative time: " + nanos + " ns (times count from the loop's start)");
        }
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }

    /**
     * Returns the time in seconds.
     *
     * @return {@code nanos / 1e9}
     */
    public double seconds() {
        return nanos / 1e9;
    }
}
