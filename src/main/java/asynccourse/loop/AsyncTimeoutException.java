package asynccourse.loop;

import asynccourse.trace.Seconds;
import java.time.Duration;

/**
 * Thrown by {@link Asyncio#waitFor} when the awaited work did not finish within the timeout,
 * and by {@link Timeout#run} when the block's deadline passed (asyncio's {@code TimeoutError});
 * the work has been cancelled and has finished cancelling when this is thrown. Also thrown by
 * an item of {@link Asyncio#asCompleted} once its timeout has passed: there nothing is cancelled
 * (the cause is then null).
 *
 * <p>Threading: an ordinary unchecked exception. Cancellation: not a cancellation; the cause is
 * the {@link java.util.concurrent.CancellationException} of the inner work. Nulls: the timeout
 * is never null.
 *
 * <pre>{@code
 * try {
 *     waitFor(() -> { sleep(Duration.ofSeconds(5)); return 1; }, Duration.ofSeconds(1));
 * } catch (AsyncTimeoutException e) {
 *     System.out.println(e.getMessage()); // timed out after 1.000 s
 * }
 * }</pre>
 */
public final class AsyncTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The timeout that expired. */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param timeout the timeout that expired (for a {@link Timeout} block: from entering the
     *     block to its deadline), not null
     * @param cause the cancellation of the inner work, may be null
     */
    public AsyncTimeoutException(Duration timeout, Throwable cause) {
        super("timed out after " + Seconds.format(timeout.toNanos()) + " s", cause);
        this.timeout = timeout;
    }

    /**
     * Returns the timeout that expired.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
