package asynccourse.loop;

/**
 * Thrown by {@link Queue#putNowait} when the queue is full (asyncio's {@code QueueFull}); an
 * {@link IllegalStateException}, as {@code java.util.Queue.add} throws on a full queue.
 *
 * <p>Threading: an ordinary unchecked exception. Cancellation: not a cancellation. Nulls: the
 * message is never null.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>(1);
 * q.putNowait("a");
 * try {
 *     q.putNowait("b");
 * } catch (QueueFullException e) {
 *     System.out.println(e.getMessage());  // Queue is full (maxsize 1): use put(item), ...
 * }
 * }</pre>
 */
public final class QueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was full, and what to do
     */
    public QueueFullException(String message) {
        super(message);
    }
}
