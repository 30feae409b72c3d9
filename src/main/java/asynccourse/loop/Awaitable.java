package asynccourse.loop;

import java.util.concurrent.CancellationException;

/**
 * What asyncio calls a future: a {@link Task} or a bare {@link AsyncFuture}, the two things a
 * coroutine can await and that {@link Asyncio#waitTasks}, {@link Asyncio#asCompleted} and
 * {@link Asyncio#shield} accept (in asyncio a {@code Task} is a {@code Future}; here both
 * implement this interface). A {@link Coroutine} is not one: wrap it in a task first, with
 * {@link Asyncio#createTask}.
 *
 * <p>Threading: loop-confined, like the task or future behind it: call these methods from the
 * coroutines and callbacks of its loop (the queries also from the owner thread once the loop
 * has stopped). Cancellation: {@link #cancel()} asks for cancellation; a task delivers it at its
 * coroutine's current await, a bare future is cancelled at once; either way every task awaiting
 * it then gets a {@link CancellationException}. Nulls: results may be null.
 *
 * <pre>{@code
 * List<Awaitable<String>> both = List.of(createTask(() -> fetch("a")), getRunningLoop().createFuture());
 * WaitResult<Awaitable<String>> r = waitTasks(both, ReturnWhen.FIRST_COMPLETED);
 * }</pre>
 *
 * @param <T> the result type
 */
public sealed interface Awaitable<T> permits Task, AsyncFuture {

    /**
     * Suspends the calling coroutine until this is done, then returns the result or rethrows
     * the failure (checked exceptions wrapped in {@link CoroutineException}) or the
     * {@link CancellationException}; returns at once if it is done already. If the calling task
     * is cancelled meanwhile, this is cancelled too (as in asyncio).
     *
     * @return the result
     * @throws IllegalStateException outside a coroutine of this loop
     */
    T await();

    /**
     * Tells whether this is done: it has a result, a failure, or was cancelled.
     *
     * @return true if done
     */
    boolean isDone();

    /**
     * Tells whether this ended cancelled.
     *
     * @return true if cancelled
     */
    boolean isCancelled();

    /**
     * Returns the result, or rethrows the failure or the cancellation; does not wait.
     *
     * @return the result
     * @throws IllegalStateException if not done yet
     */
    T result();

    /**
     * Returns the failure, or null if it ended with a result; does not wait.
     *
     * @return the exception, or null
     * @throws IllegalStateException if not done yet
     * @throws CancellationException if it was cancelled
     */
    Throwable exception();

    /**
     * Asks for cancellation (see the class comment).
     *
     * @return false if it is done already, else true
     */
    boolean cancel();

    /**
     * Asks for cancellation with a message, carried by the {@link CancellationException}.
     *
     * @param msg the message, may be null
     * @return false if it is done already, else true
     */
    boolean cancel(String msg);
}
