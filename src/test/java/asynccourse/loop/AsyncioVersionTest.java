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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The version-specific orders, run both ways: each scenario is the Java twin of a small asyncio
 * program of {@code asyncio_versions.py} (a test resource next to this class), and its expected
 * lines are what that program printed on CPython 3.11.7 (for {@link AsyncioVersion#V3_11}) and on
 * 3.12.1 (for {@link AsyncioVersion#V3_12}; 3.13.0 printed the same), kept in
 * {@code asyncio-version-orders.txt}; {@code tools/tests/test_asyncio_versions.py} checks that
 * file against the CPythons installed.
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

    /** The lines CPython of version {@code v} printed for {@code scenario} (the resource file). */
    private static List<String> expected(AsyncioVersion v, String scenario) {
        String key = scenario + " " + v.label() + ": ";
        try (InputStream in = AsyncioVersionTest.class.getResourceAsStream("asyncio-version-orders.txt")) {
            String line = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith(key)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line '" + key + "' in asyncio-version-orders.txt"));
            return List.of(line.substring(key.length()).split(" \\| "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ticker(log, n)}: logs "tick i" and yields one loop iteration, n times. */
    private static Coroutine<Void> ticker(List<String> log, int n) {
        return () -> {
            for (int i = 0; i < n; i++) {
                log.add("tick " + i);
                sleep(Duration.ZERO);
            }
            return null;
        };
    }

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
        assertEquals(expected(v, "wait_for_result"), log);
    }

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
        assertEquals(expected(v, "wait_for_timeout"), log);
    }

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
        assertEquals(expected(v, "outer_cancel"), log);
    }

    @ParameterizedTest
    @EnumSource(AsyncioVersion.class)
    void gather_ofDoneTasks_doesNotSuspendOn312(AsyncioVersion v) {
        List<String> log = run(v, l -> {
            Task<String> q = createTask(() -> "q");
            q.await();
            Task<Void> t = createTask(ticker(l, 3));
            sleep(Duration.ZERO);
            l.add("gather " + String.join(", ", gather(q)));
            t.await();
        });
        assertEquals(expected(v, "gather_done"), log);
    }

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
        assertEquals(expected(v, "wait_for_task_timeout"), log);
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
