package asynccourse.loop;

/**
 * When {@link Asyncio#waitTasks} returns, asyncio's {@code return_when} constants.
 *
 * <p>Threading, cancellation, nulls: a plain constant; {@code waitTasks} rejects null.
 *
 * <pre>{@code
 * WaitResult<Task<String>> r = waitTasks(tasks, ReturnWhen.FIRST_COMPLETED);
 * }</pre>
 */
public enum ReturnWhen {
    /** Return as soon as any one is done (finished or cancelled): asyncio's {@code FIRST_COMPLETED}. */
    FIRST_COMPLETED,
    /**
     * Return as soon as any one ends with an exception (a cancellation does not count), or when
     * all are done: asyncio's {@code FIRST_EXCEPTION}.
     */
    FIRST_EXCEPTION,
    /** Return when all are done: asyncio's {@code ALL_COMPLETED}, the default. */
    ALL_COMPLETED
}
