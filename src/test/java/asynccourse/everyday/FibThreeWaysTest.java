package asynccourse.everyday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import asynccourse.examples.Fib;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FibThreeWaysTest {

    @Test
    @Timeout(60)
    void virtualThreads_zeroToFifteen_sameValuesAndTaskCountsAsTheLoop() throws Exception {
        for (int n = 0; n <= 15; n++) {
            Fib.Counted plain = Fib.plain(n);
            Fib.Counted onThreads = FibThreeWays.virtualThreads(n);
            assertEquals(plain.value(), onThreads.value(), "fib(" + n + ")");
            assertEquals(plain.calls() - 1, onThreads.calls(), "tasks for n = " + n + ": every call but the top one");
        }
    }

    @Test
    @Timeout(60)
    void completableFutures_zeroToFifteen_sameValuesAndTaskCounts() {
        for (int n = 0; n <= 15; n++) {
            Fib.Counted plain = Fib.plain(n);
            Fib.Counted futures = FibThreeWays.completableFutures(n, ForkJoinPool.commonPool()).join();
            assertEquals(new Fib.Counted(plain.value(), plain.calls() - 1), futures, "n = " + n);
        }
    }

    @Test
    @Timeout(60)
    void fib20_bothWays_21890Tasks() throws Exception {
        assertEquals(new Fib.Counted(6765, 21_890), FibThreeWays.virtualThreads(20));
        assertEquals(new Fib.Counted(6765, 21_890), FibThreeWays.completableFutures(20, Runnable::run).join());
    }

    @Test
    @Timeout(60)
    void sleepingVersions_sameValues() throws Exception {
        assertEquals(new Fib.Counted(8, 24), FibThreeWays.virtualThreadsSleeping(6, Duration.ofMillis(1)));
        assertEquals(new Fib.Counted(8, 24),
                FibThreeWays.completableFuturesSleeping(6, Duration.ofMillis(1), ForkJoinPool.commonPool()).join());
    }

    @Test
    void badN_rejectedWithTheRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> FibThreeWays.virtualThreads(-1));
        assertEquals("fib(n) needs 0 <= n <= 92, got n = -1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FibThreeWays.completableFutures(93, Runnable::run));
    }
}
