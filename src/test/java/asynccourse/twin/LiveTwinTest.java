package asynccourse.twin;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.timeout;
import static asynccourse.loop.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.AsyncTimeoutException;
import asynccourse.loop.Coroutine;
import asynccourse.loop.Task;
import asynccourse.loop.TaskGroup;
import asynccourse.loop.TaskGroupException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LiveTwinTest {

    record Demo(String name, String python, Coroutine<?> java) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String SAY_AFTER = """
            async def say_after(delay, what):
                await asyncio.sleep(delay)
                return what
            """;

    private static String sayAfter(Duration d, String what) throws Exception {
        sleep(d);
        return what;
    }

    private static long fib(int n) {
        if (n < 2) {
            return n;
        }
        List<Long> r = gather(createTask(() -> fib(n - 1)), createTask(() -> fib(n - 2)));
        return r.get(0) + r.get(1);
    }

    /** The notebooks' live twins: the same six-plus demos, each side as a learner reads it. */
    static List<Demo> demos() {
        return List.of(
                new Demo("say_after in turn", SAY_AFTER + """
                        async def main():
                            await say_after(1, 'hello')
                            await say_after(2, 'world')
                        """, () -> sayAfter(Duration.ofSeconds(1), "hello") + sayAfter(Duration.ofSeconds(2), "world")),
                new Demo("say_after as tasks", SAY_AFTER + """
                        async def main():
                            t1 = asyncio.create_task(say_after(1, 'hello'), name='hello')
                            t2 = asyncio.create_task(say_after(2, 'world'), name='world')
                            await t1
                            await t2
                        """, () -> {
                            Task<String> t1 = createTask(() -> sayAfter(Duration.ofSeconds(1), "hello"), "hello");
                            Task<String> t2 = createTask(() -> sayAfter(Duration.ofSeconds(2), "world"), "world");
                            return t1.await() + t2.await();
                        }),
                new Demo("task start order", """
                        async def worker():
                            return 'ok'

                        async def main():
                            w = asyncio.create_task(worker(), name='worker')
                            await asyncio.sleep(0)
                            await w
                        """, () -> {
                            Task<String> w = createTask(() -> "ok", "worker");
                            sleep(Duration.ZERO);
                            return w.await();
                        }),
                new Demo("gather of fib", """
                        async def fib(n):
                            if n < 2:
                                return n
                            a, b = await asyncio.gather(asyncio.create_task(fib(n - 1)), asyncio.create_task(fib(n - 2)))
                            return a + b

                        async def main():
                            return await fib(4)
                        """, () -> fib(4)),
                new Demo("cancellation at an await", SAY_AFTER + """
                        async def main():
                            t = asyncio.create_task(say_after(5, 'never'), name='slow')
                            await asyncio.sleep(1)
                            t.cancel()
                            try:
                                await t
                            except asyncio.CancelledError:
                                return 'cancelled'
                        """, () -> {
                            Task<String> t = createTask(() -> sayAfter(Duration.ofSeconds(5), "never"), "slow");
                            sleep(Duration.ofSeconds(1));
                            t.cancel();
                            try {
                                return t.await();
                            } catch (CancellationException e) {
                                return "cancelled";
                            }
                        }),
                new Demo("wait_for", SAY_AFTER + """
                        async def main():
                            try:
                                return await asyncio.wait_for(say_after(3, 'late'), timeout=1)
                            except TimeoutError:
                                return 'timed out'
                        """, () -> {
                            try {
                                return waitFor(() -> sayAfter(Duration.ofSeconds(3), "late"), Duration.ofSeconds(1));
                            } catch (AsyncTimeoutException e) {
                                return "timed out";
                            }
                        }),
                new Demo("timeout block", SAY_AFTER + """
                        async def main():
                            try:
                                async with asyncio.timeout(1):
                                    return await say_after(3, 'late')
                            except TimeoutError:
                                return 'timed out'
                        """, () -> {
                            try {
                                return timeout(Duration.ofSeconds(1), () -> sayAfter(Duration.ofSeconds(3), "late"));
                            } catch (AsyncTimeoutException e) {
                                return "timed out";
                            }
                        }),
                new Demo("TaskGroup failure", """
                        async def fail_after(delay):
                            await asyncio.sleep(delay)
                            raise ValueError('boom')

                        async def main():
                            result = 'no failure'
                            try:
                                async with asyncio.TaskGroup() as tg:
                                    tg.create_task(asyncio.sleep(3), name='slow')
                                    tg.create_task(fail_after(1), name='failing')
                            except* ValueError:
                                result = 'the group failed'
                            return result
                        """, () -> {
                            try (var tg = new TaskGroup()) {
                                tg.createTask(() -> { sleep(Duration.ofSeconds(3)); return null; }, "slow");
                                tg.createTask(() -> { sleep(Duration.ofSeconds(1)); throw new IllegalStateException("boom"); }, "failing");
                            } catch (TaskGroupException e) {
                                return "the group failed";
                            }
                            return "no failure";
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demos")
    void compare_demo_pythonAndJavaTraceTheSame(Demo demo) {
        TwinResult r = LiveTwin.compare(demo.python(), demo.java());
        assertEquals(null, r.problem());
        if (!r.newerPython()) {
            assertTrue(r.identical(), demo + ": " + r.verdict() + "\npython " + r.python() + "\njava   " + r.java());
        }
        assertTrue(r.html().contains(r.identical() ? "✔ identical" : "✘ they differ"), r.html());
    }

    @Test
    void compare_javaSideChanged_namesTheFirstLineThatDiffers() {
        TwinResult r = LiveTwin.compare(SAY_AFTER + """
                async def main():
                    await say_after(1, 'hello')
                """, () -> sayAfter(Duration.ofSeconds(2), "hello"));
        assertFalse(r.identical());
        assertEquals(2, r.firstDifference());
        assertTrue(r.verdict().startsWith("they differ at line 3: Python '0.000 main WAITING sleep 1.000s', Java '0.000 main WAITING sleep 2.000s'"),
                r.verdict());
        assertTrue(r.html().contains("background:#fdd"));
    }

    @Test
    void verdict_newerPythonDiffers_saysWhyAndThatItIsNoBug() {
        TwinResult r = new TwinResult("3.12.1", List.of("0.000 main RUNNING"), List.of("0.000 main CREATED"), List.of(), null);
        assertTrue(r.newerPython());
        assertTrue(r.verdict().contains("follows asyncio 3.11") && r.verdict().contains("not a bug"), r.verdict());
        assertFalse(r.sameAsyncio());
        assertFalse(new TwinResult("3.11.7", List.of(), List.of(), List.of(), null).newerPython());
        assertTrue(new TwinResult("3.11.7", List.of(), List.of(), List.of(), null).sameAsyncio());
        assertFalse(new TwinResult("3.11.7", List.of(), List.of(), List.of(), "it broke").sameAsyncio());
        assertFalse(new TwinResult("3.10.2", List.of("a"), List.of("b"), List.of(), null).verdict().contains("not a bug"));
    }

    @Test
    void compare_noPython_saysWhatIsMissingWithoutAStackTrace() {
        LiveTwin.PythonSide py = LiveTwin.runPython(Path.of("no-such-dir/python3"), Path.of("notebooks/asyncio_twin.py"),
                "async def main(): pass", Duration.ofSeconds(5));
        assertNotNull(py.problem());
        assertTrue(py.problem().contains("./course setup"), py.problem());
        TwinResult r = new TwinResult(py.version(), py.trace(), List.of(), py.output(), py.problem());
        assertTrue(r.verdict().startsWith("no verdict: "), r.verdict());
        assertFalse(r.html().contains("Exception"), r.html());
    }

    @Test
    void compare_pythonSideBroken_reportsItsError() {
        TwinResult r = LiveTwin.compare("async def main(:\n    pass\n", () -> null);
        assertTrue(r.problem().contains("SyntaxError"), r.problem());
        TwinResult noMain = LiveTwin.compare("x = 1\n", () -> null);
        assertTrue(noMain.problem().contains("async def main()"), noMain.problem());
    }

    @Test
    void parse_readsTaggedLines() {
        LiveTwin.PythonSide py = LiveTwin.parse("V 3.11.7\nT 0.000 main CREATED\nO hello\nT 0.000 main RUNNING\n");
        assertEquals("3.11.7", py.version());
        assertEquals(List.of("0.000 main CREATED", "0.000 main RUNNING"), py.trace());
        assertEquals(List.of("hello"), py.output());
        assertEquals(null, py.problem());
    }
}
