package asynccourse.loop;

/**
 * The state of a {@link Task}.
 *
 * <p>Threading, cancellation, nulls: an immutable enum. Example:
 * <pre>{@code
 * if (task.state() == TaskState.FAILED) System.out.println(task.exception());
 * }</pre>
 */
public enum TaskState {
    /** Not started yet, or suspended at an await, or ready to resume. */
    PENDING,
    /** Its coroutine is executing right now (only ever one task of a loop at a time). */
    RUNNING,
    /** Finished with a result. */
    DONE,
    /** Finished by throwing an exception other than a cancellation. */
    FAILED,
    /** Finished by cancellation. */
    CANCELLED
}
