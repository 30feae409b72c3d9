package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.currentTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The version-specific orders, run both ways: each scenario is the Java twin of a small asyncio
 * program, and its expected lines are what that program printed on CPython 3.11.7 (for
 * {@link AsyncioVersion#V3_11}) and on 3.12.1 (for {@link AsyncioVersion#V3_12}; 3.13.0 printed
 * the same lines as 3.12.1). The Python of each scenario is in its comment.
 */
class AsyncioVersionTest {

    private static List<String> run(AsyncioVersion v, java.util.function.Consumer<List<String>> scenario) {
        List<String> log = new ArrayList<>();
        Asyncio.run(EventLoop.builder().virtualClock().asyncioVersion(v), () -> {
            scenario.accept(log);
            return null;
        });
        return log;
    }

    private static List<String> expected(AsyncioVersion v, List<String> py311, List<String> py312) {
        return v == AsyncioVersion.V3_11 ? py311 : py312;
    }

    /** {@code async def ticker(log, n): for i in range(n): log.append(f"tick {i}"); await asyncio.sleep(0)} */
    private static Coroutine<Void> ticker(List<String> log, int n) {
        return () -> {
            for (int i = 0; i < n; i++) {
                log.add("tick " + i);
                sleep(Duration.ZERO);
            }
            return null;
        };
    }

    /*
     * async def work():
     *     log.append("work starts, same task as caller: " + str(asyncio.current_task() is caller))
     *     await asyncio.sleep(0); log.append("work ends"); return 42
     * caller = asyncio.current_task(); t = asyncio.create_task(ticker(log, 5))
     * await asyncio.sleep(0)
     * log.append("wait_for returned %d" % await asyncio.wait_for(work(), 1)); await t
     */
    @ParameterizedTest
    @EnumSource(AsyncioVersion.class)
    void waitFor_coroutineResult_runsInItsOwnTaskOnlyOn311(AsyncioVersion v) {
        List<String> log = run(v, l -> {
            Task<?> caller = currentTask();
            Task<Void> t = createTask(ticker(l, 5));
            sleep(Duration.ZERO);
            int r = waitFor(() -> {
                l.add("work starts, same task as caller: " + (currentTask() == caller ? "True" : "False"));
                sleep(Duration.ZERO);
                l.add("work ends");
                return 42;
            }, Duration.ofSeconds(1));
            l.add("wait_for returned " + r);
            t.await();
        });
        assertEquals(expected(v,
                List.of("tick 0", "tick 1", "work starts, same task as caller: False", "tick 2", "work ends",
                        "tick 3", "tick 4", "wait_for returned 42"),
                List.of("tick 0", "work starts, same task as caller: True", "tick 1", "work ends",
                        "wait_for returned 42", "tick 2", "tick 3", "tick 4")), log);
    }

    /*
     * async def work():
     *     try: await asyncio.sleep(2)
     *     except asyncio.CancelledError:
     *         log.append("work cancelled at %.1f" % (loop.time() - t0)); await asyncio.sleep(0)
     *         log.append("work cleaned up"); raise
     * async def tick_at_1(): await asyncio.sleep(1); await ticker(log, 4)
     * t = asyncio.create_task(tick_at_1())
     * try: await asyncio.wait_for(work(), 1)
     * except TimeoutError: log.append("timeout caught")
     * await t
     */
    @ParameterizedTest
    @EnumSource(AsyncioVersion.class)
    void waitFor_timeout_reachesTheCallerSoonerOn312(AsyncioVersion v) {
        List<String> log = run(v, l -> {
            Task<Void> t = createTask(() -> {
                sleep(Duration.ofSeconds(1));
                return ticker(l, 4).call();
            });
            try {
                waitFor(() -> {
                    try {
                        sleep(Duration.ofSeconds(2));
                    } catch (CancellationException e) {
                        l.add("work cancelled at " + loopTime());
                        sleep(Duration.ZERO);
                        l.add("work cleaned up");
                        throw e;
                    }
                    return null;
                }, Duration.ofSeconds(1));
            } catch (AsyncTimeoutException e) {
                l.add("timeout caught");
            }
            t.await();
        });
        assertEquals(expected(v,
                List.of("tick 0", "work cancelled at 1.0", "tick 1", "work cleaned up", "tick 2", "tick 3",
                        "timeout caught"),
                List.of("work cancelled at 1.0", "tick 0", "work cleaned up", "timeout caught", "tick 1", "tick 2",
                        "tick 3")), log);
    }

    /*
     * async def work():
     *     try: await asyncio.sleep(5)
     *     except asyncio.CancelledError: log.append("work cancelled"); raise
     * async def waiter():
     *     try: await asyncio.wait_for(work(), 10)
     *     except asyncio.CancelledError: log.append("waiter cancelled"); raise
     * w = asyncio.create_task(waiter()); await asyncio.sleep(1)
     * tk = asyncio.create_task(ticker(log, 4)); w.cancel()
     * try: await w
     * except asyncio.CancelledError: log.append("main saw the cancellation")
     * await tk
     */
    @ParameterizedTest
    @EnumSource(AsyncioVersion.class)
    void waitFor_callerCancelled_cancelsTheWorkSoonerOn312(AsyncioVersion v) {
        List<String> log = run(v, l -> {
            Task<Void> w = createTask(() -> {
                try {
                    return waitFor(() -> {
                        try {
                            sleep(Duration.ofSeconds(5));
                        } catch (CancellationException e) {
                            l.add("work cancelled");
                            throw e;
                        }
                        return null;
                    }, Duration.ofSeconds(10));
                } catch (CancellationException e) {
                    l.add("waiter cancelled");
                    throw e;
                }
            });
            sleep(Duration.ofSeconds(1));
            Task<Void> tk = createTask(ticker(l, 4));
            w.cancel();
            try {
                w.await();
            } catch (CancellationException e) {
                l.add("main saw the cancellation");
            }
            tk.await();
        });
        assertEquals(expected(v,
                List.of("tick 0", "tick 1", "work cancelled", "tick 2", "tick 3", "waiter cancelled",
                        "main saw the cancellation"),
                List.of("tick 0", "work cancelled", "waiter cancelled", "tick 1", "main saw the cancellation",
                        "tick 2", "tick 3")), log);
    }

    /*
     * async def quick(): return "q"
     * q = asyncio.create_task(quick()); await q
     * t = asyncio.create_task(ticker(log, 3)); await asyncio.sleep(0)
     * log.append("gather %s" % await asyncio.gather(q)); await t
     */
    @ParameterizedTest
    @EnumSource(AsyncioVersion.class)
    void gather_ofDoneTasks_doesNotSuspendOn312(AsyncioVersion v) {
        List<String> log = run(v, l -> {
            Task<String> q = createTask(() -> "q");
            q.await();
            Task<Void> t = createTask(ticker(l, 3));
            sleep(Duration.ZERO);
            l.add("gather " + gather(q));
            t.await();
        });
        assertEquals(expected(v,
                List.of("tick 0", "tick 1", "tick 2", "gather [q]"),
                List.of("tick 0", "gather [q]", "tick 1", "tick 2")), log);
    }

    /*
     * async def work():
     *     try: await asyncio.sleep(5)
     *     except asyncio.CancelledError:
     *         log.append("task cancelled at %.1f" % (loop.time() - t0)); raise
     * async def tick_at(delay): await asyncio.sleep(delay); await ticker(log, 4)
     * w = asyncio.create_task(work()); tk = asyncio.create_task(tick_at(0.5))
     * try: await asyncio.wait_for(w, 0.5)
     * except TimeoutError: log.append("timeout caught, task cancelled: " + str(w.cancelled()))
     * await tk
     */
    @ParameterizedTest
    @EnumSource(AsyncioVersion.class)
    void waitFor_taskTimesOut_theCallerLearnsSoonerOn312(AsyncioVersion v) {
        List<String> log = run(v, l -> {
            Task<Void> w = createTask(() -> {
                try {
                    sleep(Duration.ofSeconds(5));
                } catch (CancellationException e) {
                    l.add("task cancelled at " + loopTime());
                    throw e;
                }
                return null;
            });
            Task<Void> tk = createTask(() -> {
                sleep(Duration.ofMillis(500));
                return ticker(l, 4).call();
            });
            try {
                waitFor(w, Duration.ofMillis(500));
            } catch (AsyncTimeoutException e) {
                l.add("timeout caught, task cancelled: " + (w.isCancelled() ? "True" : "False"));
            }
            tk.await();
        });
        assertEquals(expected(v,
                List.of("tick 0", "task cancelled at 0.5", "tick 1", "tick 2",
                        "timeout caught, task cancelled: True", "tick 3"),
                List.of("task cancelled at 0.5", "tick 0", "timeout caught, task cancelled: True", "tick 1",
                        "tick 2", "tick 3")), log);
    }

    @Test
    void asyncioVersion_default_is311_andEagerTasksBring312() {
        assertEquals(AsyncioVersion.V3_11, EventLoop.builder().build().asyncioVersion());
        assertEquals(AsyncioVersion.V3_12, EventLoop.builder().eagerTasks(true).build().asyncioVersion());
        assertEquals(AsyncioVersion.V3_12,
                EventLoop.builder().asyncioVersion(AsyncioVersion.V3_12).build().asyncioVersion());
    }

    @Test
    void asyncioVersion_eagerTasksOn311_refusedWithTheFix() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EventLoop.builder().eagerTasks(true).asyncioVersion(AsyncioVersion.V3_11).build());
        assertTrue(e.getMessage().contains("asyncioVersion(AsyncioVersion.V3_12)"), e.getMessage());
    }

    @Test
    void asyncioVersion_of_mapsPythonVersions() {
        assertEquals(AsyncioVersion.V3_11, AsyncioVersion.of("3.11"));
        assertEquals(AsyncioVersion.V3_11, AsyncioVersion.of("3.11.7"));
        assertEquals(AsyncioVersion.V3_12, AsyncioVersion.of("3.12"));
        assertEquals(AsyncioVersion.V3_12, AsyncioVersion.of("3.13.0"));
        assertEquals("3.12", AsyncioVersion.V3_12.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AsyncioVersion.of("3.10"));
        assertTrue(e.getMessage().contains("3.11 or 3.12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AsyncioVersion.of("three"));
    }
}
