package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.await;
import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.waitFor;
import static asynccourse.loop.conformance.Conformance.ms;
import static asynccourse.loop.conformance.Conformance.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.AsyncTimeoutException;
import asynccourse.loop.Asyncio;
import asynccourse.loop.AsyncioVersion;
import asynccourse.loop.Coroutine;
import asynccourse.loop.EventLoop;
import asynccourse.loop.Task;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CPython 3.11's Lib/test/test_asyncio/test_waitfor.py (class AsyncioWaitForTest), case by
 * case, on the virtual clock. Differences, each said where it shows: our {@code waitFor}
 * awaits a coroutine or a {@link Task} (asyncio also takes a bare future: here a task awaiting a
 * {@link CompletableFuture} stands in), and takes no null timeout ({@code timeout=None} is
 * just an await). {@link WaitFor312ConformanceTest} runs the same cases on a loop following
 * 3.12, as 3.12.1's test_waitfor.py has them.
 */
class WaitForConformanceTest {

    /** The asyncio version whose test_waitfor.py this class follows. */
    AsyncioVersion version() {
        return AsyncioVersion.V3_11;
    }

    /** {@code TestLoops.vrun} on a loop following {@link #version()}. */
    <T> T run(Coroutine<T> main) {
        return Asyncio.run(EventLoop.builder().virtualClock().asyncioVersion(version()), main);
    }
    /** CPython's _EPSILON: a timeout that passes "timeout > 0" and costs nothing. */
    private static final Duration EPSILON = Duration.ofNanos(100_000);

    /** CPython's SlowTask: runs for 0.2 s (loop time), ignoring cancellation requests. */
    private static final class SlowTask {
        static final double TASK_TIMEOUT = 0.2;
        boolean exited;

        Void run() {
            double exitAt = loopTime() + TASK_TIMEOUT;
            while (true) {
                double toSleep = exitAt - loopTime();
                if (toSleep <= 0) {
                    break;
                }
                try {
                    sleep(Duration.ofNanos(Math.round(toSleep * 1e9)));
                } catch (CancellationException e) {
                    // ignored on purpose
                }
            }
            exited = true;
            return null;
        }
    }

    @Test
    @DisplayName("test_waitfor.py::test_asyncio_wait_for_cancelled")
    void asyncioWaitForCancelled() {
        run(() -> {
            SlowTask t = new SlowTask();
            Task<Void> waitForTask = createTask(() -> waitFor(t::run, Duration.ofMillis(400)));
            sleep(ms(0));
            waitForTask.cancel();
            if (version() == AsyncioVersion.V3_11) {
                assertThrows(CancellationException.class, waitForTask::await); // asyncio.wait({waitfortask})
            } else {
                // 3.12: SlowTask runs in waitForTask itself and swallows the cancellation, so the
                // task ends with SlowTask's None (the Python test only waits; CPython 3.12.1 agrees)
                assertNull(waitForTask.await());
            }
            assertTrue(t.exited, "waitFor returned only after the inner task had finished");
            assertEquals(0.2, loopTime());
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_asyncio_wait_for_timeout")
    void asyncioWaitForTimeout() {
        // the Python test accepts a TimeoutError or none; 3.11's wait_for gives none, because
        // the task swallowed the cancellation and returned: its result is returned (bpo-40607)
        run(() -> {
            SlowTask t = new SlowTask();
            assertNull(waitFor(t::run, Duration.ofMillis(100)));
            assertTrue(t.exited);
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_timeout_less_then_0_or_0_future_done")
    void waitForTimeoutLessThen0Or0FutureDone() {
        // a done task in place of asyncio's done future
        run(() -> {
            Task<String> fut = createTask(() -> "done");
            sleep(ms(0));
            assertEquals("done", waitFor(fut, Duration.ZERO));
            assertTrue(fut.isDone());
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started")
    void waitForTimeoutLessThen0Or0CoroutineDoNotStarted() {
        run(() -> {
            boolean[] fooStarted = new boolean[1];
            assertThrows(AsyncTimeoutException.class, () -> waitFor(() -> {
                fooStarted[0] = true;
                return null;
            }, Duration.ZERO));
            assertFalse(fooStarted[0]);
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_timeout_less_then_0_or_0")
    void waitForTimeoutLessThen0Or0() {
        for (Duration timeout : new Duration[] {Duration.ZERO, s(-1)}) {
            run(() -> {
                Boolean[] fooRunning = new Boolean[1];
                Task<String> fut = createTask(() -> {
                    fooRunning[0] = true;
                    try {
                        sleep(s(10));
                    } finally {
                        fooRunning[0] = false;
                    }
                    return "done";
                });
                sleep(ms(0)); // CPython: await started
                assertThrows(AsyncTimeoutException.class, () -> waitFor(fut, timeout), "timeout " + timeout);
                assertTrue(fut.isDone());
                assertTrue(fut.isCancelled(), "cancelled due to the timeout");
                assertEquals(false, fooRunning[0]);
                return null;
            });
        }
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for")
    void waitForTest() {
        run(() -> {
            Boolean[] fooRunning = new Boolean[1];
            Task<String> fut = createTask(() -> {
                fooRunning[0] = true;
                try {
                    sleep(s(300)); // support.LONG_TIMEOUT
                } finally {
                    fooRunning[0] = false;
                }
                return "done";
            });
            assertThrows(AsyncTimeoutException.class, () -> waitFor(fut, ms(100)));
            assertTrue(fut.isDone());
            assertTrue(fut.isCancelled());
            assertEquals(false, fooRunning[0]);
            assertEquals(0.1, loopTime());
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_blocking")
    void waitForBlocking() {
        // differs on purpose: timeout=None means "no limit" in asyncio; our waitFor takes no
        // null (the library's null policy) and says what to do instead
        run(() -> {
            NullPointerException e = assertThrows(NullPointerException.class, () -> waitFor(() -> "done", null));
            assertTrue(e.getMessage().contains("await the task"), e.getMessage());
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_race_condition")
    void waitForRaceCondition() {
        // asyncio waits for a bare future; here a task awaits a CompletableFuture in its place
        run(() -> {
            CompletableFuture<String> fut = new CompletableFuture<>();
            getRunningLoop().callLater(ms(100), () -> fut.complete("ok"));
            assertEquals("ok", waitFor(() -> await(fut), ms(200)));
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_cancellation_race_condition")
    void waitForCancellationRaceCondition() {
        run(() -> {
            int result = waitFor(() -> {
                assertThrows(CancellationException.class, () -> sleep(s(1)));
                return 1;
            }, ms(10));
            assertEquals(1, result);
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_waits_for_task_cancellation")
    void waitForWaitsForTaskCancellation() {
        run(() -> {
            boolean[] taskDone = new boolean[1];
            Task<Void> inner = createTask(() -> {
                try {
                    sleep(s(10));
                } catch (CancellationException e) {
                    sleep(EPSILON);
                    throw e;
                } finally {
                    taskDone[0] = true;
                }
                return null;
            });
            AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> waitFor(inner, EPSILON));
            assertTrue(taskDone[0]);
            assertInstanceOf(CancellationException.class, e.getCause()); // Python: __context__
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_waits_for_task_cancellation_w_timeout_0")
    void waitForWaitsForTaskCancellationWithTimeout0() {
        run(() -> {
            boolean[] taskDone = new boolean[1];
            AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> {
                Task<Void> inner = createTask(() -> {
                    try {
                        sleep(s(10));
                    } catch (CancellationException ce) {
                        sleep(EPSILON);
                        throw ce;
                    } finally {
                        taskDone[0] = true;
                    }
                    return null;
                });
                sleep(EPSILON);
                waitFor(inner, Duration.ZERO);
            });
            assertTrue(taskDone[0]);
            assertInstanceOf(CancellationException.class, e.getCause());
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_reraises_exception_during_cancellation")
    @SuppressWarnings("finally") // the Python test raises from its finally, on purpose
    void waitForReraisesExceptionDuringCancellation() {
        final class FooException extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }
        run(() -> {
            assertThrows(FooException.class, () -> {
                Task<Void> inner = createTask(() -> {
                    try {
                        sleep(ms(200));
                    } finally {
                        throw new FooException();
                    }
                });
                waitFor(inner, EPSILON);
            });
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_wait_for_self_cancellation")
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
            // waitFor itself stays cancellable while the inner task holds up its cancellation
            Task<Integer> task = createTask(() -> waitFor(inner, ms(100)));
            sleep(ms(200));
            task.cancel();
            assertThrows(CancellationException.class, task::await);
            assertEquals(0.2, loopTime(), "the cancelled waitFor did not wait for the inner task");
            assertEquals(42, inner.await());
            return null;
        });
    }

    private void cancelWaitFor(Duration timeout) {
        run(() -> {
            Task<Void> task = createTask(() -> {
                await(new CompletableFuture<Void>()); // blocks: the future is never completed
                return null;
            });
            Task<Void> wait = createTask(() -> {
                if (timeout == null) {
                    task.await(); // asyncio's wait_for(task, None) is a plain await
                } else {
                    waitFor(task, timeout);
                }
                return null;
            });
            getRunningLoop().callSoon(wait::cancel);
            assertThrows(CancellationException.class, wait::await);
            // Python issue #23219: cancelling the wait must also cancel the task
            assertTrue(task.isCancelled());
            return null;
        });
    }

    @Test
    @DisplayName("test_waitfor.py::test_cancel_blocking_wait_for")
    void cancelBlockingWaitFor() {
        cancelWaitFor(null);
    }

    @Test
    @DisplayName("test_waitfor.py::test_cancel_wait_for")
    void cancelWaitFor() {
        cancelWaitFor(s(60));
    }
}
