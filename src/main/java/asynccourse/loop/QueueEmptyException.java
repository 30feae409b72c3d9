package asynccourse.loop;

import java.util.NoSuchElementException;

/**
 * Thrown by {@link Queue#getNowait} when the queue is empty (asyncio's {@code QueueEmpty}); a
 * {@link NoSuchElementException}, as {@code java.util.Queue.remove} throws on an empty queue.
 *
 * <p>Threading: an ordinary unchecked exception. Cancellation: not a cancellation. Nulls: the
 * message is never null.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>();
 * try {
 *     q.getNowait();
 * } catch (QueueEmptyException e) {
 *     System.out.println(e.getMessage());  // Queue is empty: use get(), which waits, ...
 * }
 * }</pre>
 */
public final class QueueEmptyException extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was empty, and what to do
     */
    public QueueEmptyException(String message) {
        super(message);
    }
}
