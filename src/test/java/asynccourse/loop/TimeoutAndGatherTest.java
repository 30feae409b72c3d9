package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.gatherCoroutines;
import static asynccourse.loop.Asyncio.gatherReturnExceptions;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.waitFor;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class TimeoutAndGatherTest {

    private static Task<Integer> after(double seconds, int value) {
        return createTask(() -> {
            sleep(Duration.ofMillis((long) (seconds * 1000)));
            return value;
        });
    }

    private static Task<Integer> failAfter(double seconds, String msg) {
        return createTask(() -> {
            sleep(Duration.ofMillis((long) (seconds * 1000)));
            throw new IllegalStateException(msg);
        });
    }

    @Test
    void waitFor_timeout_cancelsInnerWaitsForCleanup_thenThrows() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> waitFor(() -> {
                try {
                    sleep(Duration.ofSeconds(5));
                    return 1;
                } catch (CancellationException c) {
                    sleep(Duration.ofMillis(500)); // slow cleanup, still awaited
                    log.add("cleanup done at " + loopTime());
                    throw c;
                }
            }, Duration.ofSeconds(1)));
            log.add("timeout seen at " + loopTime());
            assertEquals(Duration.ofSeconds(1), e.timeout());
            assertTrue(e.getMessage().contains("1.000"), e.getMessage());
            assertInstanceOf(CancellationException.class, e.getCause());
            return null;
        });
        assertEquals(List.of("cleanup done at 1.5", "timeout seen at 1.5"), log);
    }

    @Test
    void waitFor_inTime_returnsValue_andLeavesNoTimer() {
        double end = TestLoops.vtime(() -> {
            assertEquals(3, waitFor(() -> {
                sleep(Duration.ofSeconds(1));
                return 3;
            }, Duration.ofSeconds(10)));
            assertEquals(0, Asyncio.getRunningLoop().scheduledTimers(), "the 10 s timeout timer was cancelled");
            return null;
        });
        assertEquals(1.0, end);
    }

    @Test
    void waitFor_task_timeout_cancelsTheTask() {
        vrun(() -> {
            Task<Integer> t = after(5, 1);
            assertThrows(AsyncTimeoutException.class, () -> waitFor(t, Duration.ofSeconds(2)));
            assertTrue(t.isCancelled());
            assertEquals(2.0, loopTime());
            return null;
        });
    }

    @Test
    void waitFor_zeroTimeout_cancelsAtOnce() {
        vrun(() -> {
            Task<Integer> t = after(1, 1);
            assertThrows(AsyncTimeoutException.class, () -> waitFor(t, Duration.ZERO));
            assertTrue(t.isCancelled());
            return null;
        });
    }

    @Test
    void waitFor_innerFailure_propagates() {
        vrun(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> waitFor(failAfter(1, "inner failed"), Duration.ofSeconds(5)));
            assertEquals("inner failed", e.getMessage());
            return null;
        });
    }

    @Test
    void gather_resultsInInputOrder() {
        vrun(() -> {
            List<Integer> r = gather(after(3, 1), after(1, 2), after(2, 3));
            assertEquals(List.of(1, 2, 3), r);
            assertEquals(3.0, loopTime());
            assertEquals(List.of(), gather(List.<Task<Integer>>of()));
            return null;
        });
    }

    @Test
    void gather_childFails_propagatesFirst_othersKeepRunning() {
        vrun(() -> {
            Task<Integer> slow = after(5, 1);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> gather(slow, failAfter(2, "second"), failAfter(1, "first")));
            assertEquals("first", e.getMessage());
            assertEquals(1.0, loopTime());
            assertEquals(1, slow.await(), "the other children keep running");
            assertEquals(5.0, loopTime());
            return null;
        });
    }

    @Test
    void gather_childCancelled_raisesCancellationInAwaiter() {
        vrun(() -> {
            Task<Integer> a = after(5, 1);
            Task<Integer> b = after(1, 2);
            Task<List<Integer>> g = createTask(() -> gather(a, b));
            sleep(Duration.ofMillis(10));
            a.cancel();
            assertThrows(CancellationException.class, g::await);
            return null;
        });
    }

    @Test
    void gatherReturnExceptions_slotsHoldResultsAndThrowables() {
        vrun(() -> {
            Task<Integer> ok = after(1, 10);
            Task<Integer> bad = failAfter(2, "bad");
            Task<Integer> cancelled = after(3, 30);
            createTask(() -> {
                sleep(Duration.ofMillis(500));
                cancelled.cancel();
                return null;
            });
            List<Object> r = gatherReturnExceptions(List.of(ok, bad, cancelled));
            assertEquals(10, r.get(0));
            assertInstanceOf(IllegalStateException.class, r.get(1));
            assertInstanceOf(CancellationException.class, r.get(2));
            assertSame(bad.exception(), r.get(1));
            assertEquals(2.0, loopTime());
            return null;
        });
    }

    @Test
    void gatherCoroutines_wrapsEachInATask() {
        List<Integer> r = vrun(() -> gatherCoroutines(List.<Coroutine<Integer>>of(() -> 1, () -> {
            sleep(Duration.ofSeconds(1));
            return 2;
        })));
        assertEquals(List.of(1, 2), r);
    }

    @Test
    void gather_awaiterCancelled_cancelsChildren() {
        vrun(() -> {
            Task<Integer> a = after(5, 1);
            Task<Integer> b = after(6, 2);
            assertThrows(AsyncTimeoutException.class, () -> waitFor(() -> gather(a, b), Duration.ofSeconds(1)));
            assertTrue(a.isCancelled());
            assertTrue(b.isCancelled());
            return null;
        });
    }
}
