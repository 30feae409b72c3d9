package asynccourse.loop;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired, asyncio's
 * {@code BoundedSemaphore}: a {@link #release()} that would raise the counter above the initial
 * value throws, which catches a release too many (a bug that a plain semaphore silently turns
 * into one more permit).
 *
 * <p>Threading, cancellation and nulls: as {@link Semaphore}.
 *
 * <pre>{@code
 * BoundedSemaphore sem = new BoundedSemaphore(2);
 * sem.acquire();
 * sem.release();
 * sem.release();       // IllegalStateException: BoundedSemaphore released too many times
 * }</pre>
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /**
     * Creates a bounded semaphore with {@code value} permits, which is also its bound.
     *
     * @param value the initial number of permits, at least 0
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Creates a bounded semaphore with one permit.
     */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * Gives a permit back, as {@link Semaphore#release()}, unless that would raise the counter
     * above the initial value.
     *
     * @throws IllegalStateException if released more often than acquired (asyncio raises
     *     {@code ValueError}); the counter is unchanged then
     */
    @Override
    public void release() {
        checkOwner(".release");
        if (value() >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times "
                    + "(its bound is " + bound + "): release each permit exactly once, "
                    + "for instance with try (Held held = sem.hold()) { ... }");
        }
        super.release();
    }
}
