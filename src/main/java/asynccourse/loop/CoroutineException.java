package asynccourse.loop;

/**
 * Unchecked wrapper of a checked exception thrown by a coroutine; {@link #getCause()} is the
 * original exception. Unchecked exceptions (and errors) are never wrapped.
 *
 * <p>Threading: an ordinary exception. Cancellation: not applicable. Nulls: the cause is never
 * null.
 *
 * <pre>{@code
 * try {
 *     run(() -> { throw new java.io.IOException("disk full"); });
 * } catch (CoroutineException e) {
 *     System.out.println(e.getCause()); // java.io.IOException: disk full
 * }
 * }</pre>
 */
public final class CoroutineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Wraps a checked exception.
     *
     * @param cause the original exception, not null
     */
    public CoroutineException(Throwable cause) {
        super(String.valueOf(cause), cause);
    }

    /** Rethrows {@code t} as-is when unchecked, else wrapped in a {@code CoroutineException}. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new CoroutineException(t);
    }
}
