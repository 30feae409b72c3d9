package asynccourse.loop;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * One item of {@link Asyncio#asCompleted}: awaiting it gives the result of the next task to
 * finish, asyncio's {@code _wait_for_one()} coroutine. Items are not tied to a task: the first
 * item awaited gets the first task to finish, whichever item it is. Each item is awaited once.
 * It is a {@link Coroutine} too, so {@code createTask(item)} wraps it in a task, as asyncio's
 * {@code ensure_future(f)} does.
 *
 * <p>Threading: loop-confined: await it from a coroutine of the loop that ran
 * {@code asCompleted}. Cancellation: a task cancelled while it awaits an item gets
 * {@link CancellationException} and takes no result (the next item awaited gets it); the tasks
 * watched are not cancelled. Nulls: a result may be null.
 *
 * <pre>{@code
 * for (Completion<String> next : asCompleted(downloads, Duration.ofSeconds(10))) {
 *     String page = next.await();   // in the order they finish; AsyncTimeoutException after 10 s
 *     System.out.println(page.length());
 * }
 * }</pre>
 *
 * @param <T> the result type
 */
public final class Completion<T> implements Coroutine<T> {
    private final Queue<Object> done;
    private final Duration timeout;
    private boolean awaited;

    Completion(Queue<Object> done, Duration timeout) {
        this.done = done;
        this.timeout = timeout;
    }

    /**
     * Suspends until the next of the watched tasks is done (returns at once if one is done and
     * not yet taken), then returns its result or rethrows its failure or cancellation.
     *
     * @return the result of the next task to finish
     * @throws AsyncTimeoutException if the timeout of {@code asCompleted} passed before another
     *     task finished (every item awaited after that throws it too)
     * @throws CancellationException if the next task was cancelled, or the calling task is
     *     cancelled while it waits
     * @throws IllegalStateException if this item was awaited before, or outside a coroutine
     */
    @SuppressWarnings("unchecked")
    public T await() {
        if (awaited) {
            throw new IllegalStateException("this item of asCompleted was awaited already: each item gives one "
                    + "result; await the next item of the list for the next one");
        }
        awaited = true;
        Object f = done.get();
        if (f == Waits.TIMED_OUT) {
            throw new AsyncTimeoutException(timeout, null);
        }
        return AwaitableOps.resultOrThrow((Awaitable<? extends T>) f);
    }

    /**
     * The same as {@link #await()}, so that an item can be given to {@code createTask}.
     *
     * @return the result of the next task to finish
     */
    @Override
    public T call() {
        return await();
    }

    @Override
    public String toString() {
        return "<asCompleted item" + (awaited ? " awaited" : "") + ">";
    }
}
