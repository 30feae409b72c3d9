package asynccourse.loop.conformance;

import asynccourse.loop.Asyncio;
import asynccourse.loop.Coroutine;
import asynccourse.loop.EventLoop;
import asynccourse.loop.VirtualClock;
import java.time.Duration;

/**
 * Helpers for the tests ported from CPython 3.11's Lib/test/test_asyncio: every run is on a
 * virtual clock, so CPython's real-time sleeps become exact loop times.
 */
final class Conformance {
    private Conformance() {}

    /** Runs main on a fresh loop with a virtual clock (CPython: IsolatedAsyncioTestCase). */
    static <T> T vrun(Coroutine<T> main) {
        return Asyncio.run(EventLoop.builder().virtualClock(), main);
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
