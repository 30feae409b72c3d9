package asynccourse.loop.conformance;

import asynccourse.loop.Asyncio;
import asynccourse.loop.VirtualClock;
import java.time.Duration;

/**
 * Helpers for the tests ported from CPython 3.11's Lib/test/test_asyncio: every run is on a
 * virtual clock ({@code TestLoops.vrun}, CPython's IsolatedAsyncioTestCase), so
 * CPython's real-time sleeps become exact loop times.
 */
final class Conformance {
    private Conformance() {}

    /**
     * CPython's {@code test_utils.run_briefly} until {@code condition} holds: yields loop
     * iterations (at most 10). Completing a {@code CompletableFuture} wakes its awaiter through
     * the loop's thread-safe queue, which may take one iteration more than an asyncio future.
     */
    static void yieldUntil(java.util.function.BooleanSupplier condition) {
        for (int i = 0; i < 10 && !condition.getAsBoolean(); i++) {
            Asyncio.sleep(Duration.ZERO);
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("the condition did not hold within 10 loop iterations");
        }
    }

    /** CPython's {@code time.sleep(s)} inside a coroutine: holds the loop, the clock moves on. */
    static void holdLoop(Duration d) {
        ((VirtualClock) Asyncio.getRunningLoop().clock()).advance(d);
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
