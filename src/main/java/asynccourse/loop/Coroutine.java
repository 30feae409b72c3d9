package asynccourse.loop;

/**
 * A coroutine: a plain Java method or lambda, written in direct style, that may call the
 * awaiting operations of {@link Asyncio} ({@code sleep}, {@code await}, {@code gather}, ...).
 *
 * <p>Threading: a coroutine is run by an {@link EventLoop}, wrapped in a {@link Task}; it only
 * ever executes while the loop has handed control to it, so at most one coroutine of a loop
 * executes at any instant, and control goes back to the loop at each await.
 * Cancellation: a cancelled task sees a {@link java.util.concurrent.CancellationException}
 * thrown at its current (or next) await; it may catch it to clean up.
 * Nulls: a coroutine may return {@code null}.
 *
 * <pre>{@code
 * Coroutine<String> hello = () -> {
 *     sleep(Duration.ofSeconds(1));
 *     return "hello";
 * };
 * String s = run(hello);
 * }</pre>
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface Coroutine<T> {
    /**
     * Runs the coroutine's body until it returns or throws.
     *
     * @return the result
     * @throws Exception any failure; it becomes the task's failure
     */
    T call() throws Exception;
}
