package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.shield;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.waitFor;
import static asynccourse.loop.conformance.Conformance.ms;
import static asynccourse.loop.conformance.Conformance.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.AsyncTimeoutException;
import asynccourse.loop.AsyncioVersion;
import asynccourse.loop.Awaitable;
import asynccourse.loop.Task;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CPython 3.12.1's Lib/test/test_asyncio/test_waitfor.py on a loop following 3.12
 * ({@code asyncioVersion(V3_12)}, where {@code waitFor} is built on {@code timeout}): every case
 * of the 3.11 port (inherited from {@link WaitForConformanceTest}), with 3.12's changes, and
 * the cases 3.12 added. 3.12 changed test_wait_for_race_condition from {@code call_later(0.1)}
 * to {@code call_soon}; our port (a 0.2 s limit, see the 3.11 class) passes both ways unchanged.
 */
class WaitFor312ConformanceTest extends WaitForConformanceTest {

    @Override
    AsyncioVersion version() {
        return AsyncioVersion.V3_12;
    }

    /**
     * 3.12 removed test_wait_for_self_cancellation: its 3.11 outcome no longer holds. The 3.12
     * outcome, taken from CPython 3.12.1 and 3.13.0 running the same program: the second
     * cancellation reaches the inner task (which holds it up again), and the wait returns the
     * inner task's 42 at 0.5 s instead of being cancelled at 0.2 s.
     */
    @Override
    @Test
    @DisplayName("test_waitfor.py::test_wait_for_self_cancellation (3.11 only; 3.12's outcome)")
    void waitForSelfCancellation() {
        run(() -> {
            Task<Integer> inner = createTask(() -> {
                try {
                    sleep(ms(300));
                } catch (CancellationException e) {
                    try {
                        sleep(ms(300));
                    } catch (CancellationException e2) {
                        sleep(ms(300));
                    }
                }
                return 42;
            });
            Task<Integer> task = createTask(() -> waitFor(inner, ms(100)));
            sleep(ms(200));
            task.cancel();
            assertEquals(42, task.await());
            assertEquals(0.5, loopTime(), 1e-9);
            assertEquals(1, task.cancelling());
            assertEquals(42, inner.await());
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_cancel_suppressed (3.12)")
    void waitForCancelSuppressed() {
        // GH-86296: a task that suppresses the cancellation and returns a value: that value
        run(() -> {
            int res = waitFor(() -> {
                try {
                    sleep(s(10));
                } catch (CancellationException e) {
                    return 42;
                }
                return 0;
            }, ms(100));
            assertEquals(42, res);
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_issue86296 (3.12)")
    void waitForIssue86296() {
        // GH-86296: the waiting task is cancelled and does not run to completion, although
        // the inner task completes in one loop iteration, before the cancellation
        run(() -> {
            Task<String> innerTask = createTask(() -> "done");
            boolean[] reachedEnd = {false};
            Task<Void> task = createTask(() -> {
                waitFor(innerTask, s(100));
                sleep(s(1));
                reachedEnd[0] = true;
                return null;
            });
            assertFalse(task.isDone());
            sleep(Duration.ZERO); // run the task
            task.cancel();
            assertThrows(CancellationException.class, task::await);
            assertTrue(innerTask.isDone());
            assertEquals("done", innerTask.await());
            assertFalse(reachedEnd[0]);
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::WaitForShieldTests::test_zero_timeout (3.12)")
    void shieldZeroTimeout() {
        // difference: waitFor takes a coroutine or a task, not a bare awaitable; the coroutine
        // awaiting the shield is cancelled before it starts, so the shield itself is never
        // awaited (asyncio: shielded_task.cancelled()); what the test is about holds: the
        // shielded task runs on in the background
        run(() -> {
            Task<String> task = createTask(() -> {
                sleep(ms(10));
                return "done";
            });
            Awaitable<String> shielded = shield(task);
            assertThrows(AsyncTimeoutException.class, () -> waitFor(shielded::await, Duration.ZERO));
            assertFalse(task.isDone());
            assertFalse(task.isCancelled());
            sleep(ms(100));
            assertTrue(task.isDone());
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::WaitForShieldTests::test_none_timeout (3.12)")
    void shieldNoneTimeout() {
        // timeout=None is a plain await here (waitFor takes no null timeout)
        run(() -> {
            Task<String> task = createTask(() -> {
                sleep(ms(100));
                return "done";
            });
            shield(task).await();
            assertTrue(task.isDone());
            assertEquals("done", task.await());
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::WaitForShieldTests::test_shielded_timeout (3.12)")
    void shieldShieldedTimeout() {
        run(() -> {
            Task<String> task = createTask(() -> {
                sleep(ms(100));
                return "done";
            });
            Awaitable<String> shielded = shield(task);
            assertThrows(AsyncTimeoutException.class, () -> waitFor(shielded::await, ms(10)));
            assertFalse(task.isDone());
            assertFalse(task.isCancelled());
            assertEquals("done", task.await());
            return null;
        });
    }
}
