package asynccourse.loop;

import java.util.List;

/**
 * Thrown by {@link TaskGroup#close()} when children failed: the cause is the first failure,
 * every further failure is added as suppressed (asyncio's {@code ExceptionGroup}).
 *
 * <p>Threading: an ordinary unchecked exception. Cancellation: cancellations of children are
 * not failures and are not listed. Nulls: the cause is never null.
 *
 * <pre>{@code
 * try (var tg = new TaskGroup()) {
 *     tg.createTask(() -> { throw new IllegalStateException("boom"); });
 * } catch (TaskGroupException e) {
 *     System.out.println(e.getCause()); // java.lang.IllegalStateException: boom
 * }
 * }</pre>
 */
public final class TaskGroupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The children's failures only: a cancellation added as suppressed is not one of them. */
    private final Throwable[] failures;

    /**
     * Creates the exception from the failures, in the order they happened.
     *
     * @param failures at least one failure
     */
    public TaskGroupException(List<Throwable> failures) {
        super(failures.size() + " task(s) of the group failed; first: " + failures.get(0), failures.get(0));
        this.failures = failures.toArray(new Throwable[0]);
        for (int i = 1; i < failures.size(); i++) {
            addSuppressed(failures.get(i));
        }
    }

    /**
     * Returns every failure of a child: the cause, then the further ones (a cancellation of the
     * group's own coroutine, also suppressed, is not listed).
     *
     * @return the failures, in order
     */
    public List<Throwable> exceptions() {
        return List.of(failures);
    }
}
