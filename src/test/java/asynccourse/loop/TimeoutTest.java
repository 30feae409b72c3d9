package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.timeout;
import static asynccourse.loop.Asyncio.timeoutAt;
import static asynccourse.loop.Asyncio.waitFor;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Our own cases for Timeout and waitFor, beyond the ported CPython ones (conformance package). */
class TimeoutTest {

    @Test
    void timeoutException_namesTheBlocksLimit() {
        vrun(() -> {
            sleep(Duration.ofMillis(250));
            AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class,
                    () -> timeout(Duration.ofMillis(1500), () -> {
                        sleep(Duration.ofSeconds(5));
                        return null;
                    }));
            assertEquals(Duration.ofMillis(1500), e.timeout());
            assertEquals("timed out after 1.500 s", e.getMessage());
            assertTrue(e.getCause() instanceof CancellationException);
            return null;
        });
    }

    @Test
    void hugeLimits_neverFire_andDoNotOverflow() {
        Duration millennium = Duration.ofDays(365L * 1000);
        vrun(() -> {
            assertEquals("block", timeout(millennium, () -> {
                sleep(Duration.ofSeconds(1));
                return "block";
            }));
            assertEquals("task", waitFor(() -> {
                sleep(Duration.ofSeconds(1));
                return "task";
            }, millennium));
            assertEquals(0, Asyncio.getRunningLoop().scheduledTimers(), "no timer left behind");
            return null;
        });
    }

    @Test
    void nanDeadline_isRejectedWithWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> timeoutAt(Double.NaN));
        assertTrue(e.getMessage().contains("POSITIVE_INFINITY"), e.getMessage());
    }

    @Test
    void timeoutOutsideALoop_saysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> timeout(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> timeoutAt(1.0).run(() -> null));
    }

    @Test
    void reschedule_movesTheDeadline_fromAnotherTask() {
        vrun(() -> {
            Timeout t = timeout(Duration.ofSeconds(10));
            Task<Object> blocked = createTask(() -> t.run(() -> {
                sleep(Duration.ofMinutes(1));
                return null;
            }));
            sleep(Duration.ofSeconds(1));
            t.reschedule(Asyncio.loopTime() + 2);
            assertThrows(AsyncTimeoutException.class, blocked::await);
            assertEquals(3.0, Asyncio.loopTime());
            return null;
        });
    }

    @Test
    void waitFor_traced_showsWhatTheCallerWaitsFor() {
        RunResult<Void> r = Asyncio.runTraced(EventLoop.builder().virtualClock(), () -> {
            waitFor(() -> {
                sleep(Duration.ofSeconds(1));
                return null;
            }, Duration.ofSeconds(5));
            return null;
        });
        assertEquals(java.util.List.of("waitFor Task-1"),
                r.timeline().waits("main").stream().map(asynccourse.trace.Span::detail).toList());
    }
    @Test
    void deadlineEqualToTheBodysSleep_timesOut_theTimerWasSetFirst() {
        // CPython 3.11.7: async with timeout(1): await sleep(1) -> TimeoutError (the block's
        // timer is due first; the sleep's wake-up never comes through)
        vrun(() -> {
            assertThrows(AsyncTimeoutException.class, () -> timeout(Duration.ofSeconds(1), () -> {
                sleep(Duration.ofSeconds(1));
                return "slept";
            }));
            assertEquals(1.0, Asyncio.loopTime());
            return null;
        });
    }
}
