package asynccourse.loop;

/**
 * A held {@link Lock} or {@link Semaphore} permit, released by {@link #close()}: the twin of
 * asyncio's {@code async with lock:} block is
 * {@code try (Held held = lock.hold()) { ... }}.
 *
 * <p>Threading: like the primitive it came from, use it from the coroutines and callbacks of
 * the loop. Cancellation: {@code hold()} awaits like {@code acquire()}; if the task is
 * cancelled while it waits, nothing is held and nothing must be released (the
 * {@code try} body does not run). Nulls: never null.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * try (Held held = lock.hold()) {      // async with lock:
 *     counter = counter + 1;           //     critical section, across awaits too
 * }                                    // released here, also on an exception
 * }</pre>
 *
 * <p>A body that never names {@code held} makes {@code javac -Xlint:try} warn that the resource
 * is not referenced (JShell does not): mark the method {@code @SuppressWarnings("try")}, or on
 * Java 22 and later write {@code try (var _ = lock.hold())}.
 */
public interface Held extends AutoCloseable {
    /**
     * Releases what was held; a second call does nothing.
     */
    @Override
    void close();
}
