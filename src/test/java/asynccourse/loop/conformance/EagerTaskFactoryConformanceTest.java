package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.allTasks;
import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.currentTask;
import static asynccourse.loop.Asyncio.gatherCoroutines;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.conformance.Conformance.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.AsyncFuture;
import asynccourse.loop.Asyncio;
import asynccourse.loop.Coroutine;
import asynccourse.loop.EventLoop;
import asynccourse.loop.RunResult;
import asynccourse.loop.Task;
import asynccourse.loop.TaskGroup;
import asynccourse.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CPython 3.12.1's {@code Lib/test/test_asyncio/test_eager_task_factory.py}, case by case, for
 * the loop's eager mode ({@code EventLoop.Builder.eagerTasks(true)}, asyncio's
 * {@code loop.set_task_factory(asyncio.eager_task_factory)}), on the virtual clock. CPython runs
 * each case for its Python and its C task; the library has one task class, so each runs once.
 *
 * <p>Where ours differs, and why:
 * <ul>
 *   <li>The main task of a run is never eager (the loop is not running yet when it is created;
 *       asyncio's factory marks it eager although it, too, is scheduled normally). The task
 *       counts below count the tasks the program creates; CPython's count of the non-eager
 *       run also includes its main task (781 = 1 + 780, and 1 for test_awaitables_chain).</li>
 *   <li>CPython counts the tasks created without {@code eager_start} through a task factory;
 *       the library has no task factory, so the count is read from a traced run: the tasks
 *       created, less those whose creator waited for their "eager start".</li>
 *   <li>test_eager_task_factory_set checks {@code loop.get_task_factory()}; here
 *       {@link EventLoop#eagerTasks()} tells the mode.</li>
 *   <li>test_context_vars and test_issue105987 (C {@code _swap_current_task}): the library has
 *       no context variables and no C implementation; disabled with that reason.</li>
 * </ul>
 */
class EagerTaskFactoryConformanceTest {

    private static <T> T runEager(Coroutine<T> main) {
        return Asyncio.run(EventLoop.builder().virtualClock().eagerTasks(true), main);
    }

    @Test
    @DisplayName("test_eager_task_factory.py::test_eager_task_factory_set")
    void eagerTaskFactorySet() {
        runEager(() -> {
            assertTrue(getRunningLoop().eagerTasks());
            Task<Void> t = createTask(() -> null);
            t.await();
            return null;
        });
    }

    @Test
    @DisplayName("test_eager_task_factory.py::test_await_future_during_eager_step")
    void awaitFutureDuringEagerStep() {
        assertEquals("my message", runEager(() -> {
            AsyncFuture<String> fut = getRunningLoop().createFuture();
            Task<Void> t = createTask(() -> {
                fut.setResult("my message");
                return null;
            });
            assertTrue(t.isDone(), "the eager step completed the task");
            return fut.await();
        }));
    }

    @Test
    @DisplayName("test_eager_task_factory.py::test_eager_completion")
    void eagerCompletion() {
        assertEquals("hello", runEager(() -> {
            Task<String> t = createTask(() -> "hello");
            assertTrue(t.isDone(), "the eager step completed the task");
            return t.await();
        }));
    }

    @Test
    @DisplayName("test_eager_task_factory.py::test_block_after_eager_step")
    void blockAfterEagerStep() {
        assertEquals("finished after blocking", runEager(() -> {
            Task<String> t = createTask(() -> {
                sleep(ms(100));
                return "finished after blocking";
            });
            assertFalse(t.isDone());
            String result = t.await();
            assertTrue(t.isDone());
            return result;
        }));
    }

    @Test
    @DisplayName("test_eager_task_factory.py::test_cancellation_after_eager_completion")
    void cancellationAfterEagerCompletion() {
        assertEquals("finished without blocking", runEager(() -> {
            Task<String> t = createTask(() -> "finished without blocking");
            t.cancel();
            String result = t.await();
            assertFalse(t.isCancelled(), "a finished task can't be cancelled");
            return result;
        }));
    }

    @Test
    @DisplayName("test_eager_task_factory.py::test_cancellation_after_eager_step_blocks")
    void cancellationAfterEagerStepBlocks() {
        CancellationException e = assertThrows(CancellationException.class, () -> runEager(() -> {
            Task<String> t = createTask(() -> {
                sleep(ms(100));
                return "finished after blocking";
            });
            t.cancel("cancellation message");
            assertTrue(t.cancelling() > 0);
            return t.await();
        }));
        assertEquals("cancellation message", e.getMessage());
    }

    @Test
    @DisplayName("test_eager_task_factory.py::test_current_task")
    void currentTaskCase() {
        runEager(() -> {
            List<Task<?>> captured = new ArrayList<>();
            Task<Void> t = createTask(() -> {
                captured.add(currentTask());
                // the task before and after blocking is identical
                sleep(ms(100));
                assertSame(captured.get(0), currentTask());
                return null;
            });
            assertSame(t, captured.get(0));
            t.await();
            return null;
        });
    }

    @Test
    @DisplayName("test_eager_task_factory.py::test_all_tasks_with_eager_completion")
    void allTasksWithEagerCompletion() {
        runEager(() -> {
            List<Task<?>> captured = new ArrayList<>();
            Task<Void> t = createTask(() -> {
                captured.addAll(allTasks());
                return null;
            });
            assertTrue(captured.contains(t));
            assertFalse(allTasks().contains(t));
            return null;
        });
    }

    @Test
    @DisplayName("test_eager_task_factory.py::test_all_tasks_with_blocking")
    void allTasksWithBlocking() {
        runEager(() -> {
            AsyncFuture<Void> fut1 = getRunningLoop().createFuture();
            AsyncFuture<Void> fut2 = getRunningLoop().createFuture();
            List<Task<?>> captured = new ArrayList<>();
            Task<Void> t = createTask(() -> {
                captured.addAll(allTasks());
                fut1.await();
                fut2.setResult(null);
                return null;
            });
            assertTrue(captured.contains(t));
            assertTrue(allTasks().contains(t));
            fut1.setResult(null);
            fut2.await();
            assertFalse(allTasks().contains(t));
            return null;
        });
    }

    @Test
    @Disabled("no counterpart: the library has no context variables")
    @DisplayName("test_eager_task_factory.py::test_context_vars")
    void contextVars() {}

    @Test
    @Disabled("no counterpart: tests the C module's _swap_current_task; the library has one Java task class")
    @DisplayName("test_eager_task_factory.py::test_issue105987")
    void issue105987() {}

    // ---------------------------------------------------------------- BaseTaskCountingTests

    /** {@code awaitable_chain(depth)}: awaits nested coroutines, no task. */
    private static int awaitableChain(int depth) {
        return depth == 0 ? 0 : 1 + awaitableChain(depth - 1);
    }

    private static Object recursiveTaskGroups(int width, int depth) {
        if (depth == 0) {
            return null;
        }
        try (var tg = new TaskGroup()) {
            for (int i = 0; i < width; i++) {
                tg.createTask(() -> recursiveTaskGroups(width, depth - 1));
            }
        }
        return null;
    }

    private static Object recursiveGather(int width, int depth) {
        if (depth == 0) {
            return null;
        }
        List<Coroutine<Object>> coros = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            coros.add(() -> recursiveGather(width, depth - 1));
        }
        gatherCoroutines(coros);
        return null;
    }

    /**
     * CPython's {@code AsyncTaskCounter.get()} for the tasks {@code main} creates: those not
     * started eagerly (created, less those whose creator waited for their eager start).
     */
    private static <T> int nonEagerTasks(boolean eager, Coroutine<T> main, T expected) {
        RunResult<T> r = Asyncio.runTraced(EventLoop.builder().virtualClock().eagerTasks(eager), main);
        assertEquals(expected, r.value());
        int created = 0;
        int eagerStarts = 0;
        for (TraceEvent e : r.timeline().events()) {
            if (e.kind() == TraceEvent.Kind.WAITING && e.detail().startsWith("eager start of ")) {
                eagerStarts++;
            } else if (e.kind() == TraceEvent.Kind.CREATED && !e.task().equals("main")) {
                created++;
            }
        }
        return created - eagerStarts;
    }

    @ParameterizedTest(name = "eager={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("test_eager_task_factory.py::test_awaitables_chain (NonEagerTests, EagerTests)")
    void awaitablesChain(boolean eager) {
        // CPython: 1 (its main task) without eager tasks, 0 with; no task is created here
        assertEquals(0, nonEagerTasks(eager, () -> awaitableChain(100), 100));
    }

    @ParameterizedTest(name = "eager={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("test_eager_task_factory.py::test_recursive_taskgroups (NonEagerTests, EagerTests)")
    void recursiveTaskgroups(boolean eager) {
        // CPython: 781 = 1 + 5 + 5^2 + 5^3 + 5^4 with its main task, 0 with eager tasks
        assertEquals(eager ? 0 : 780, nonEagerTasks(eager, () -> recursiveTaskGroups(5, 4), null));
    }

    @ParameterizedTest(name = "eager={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("test_eager_task_factory.py::test_recursive_gather (NonEagerTests, EagerTests)")
    void recursiveGatherCase(boolean eager) {
        assertEquals(eager ? 0 : 780, nonEagerTasks(eager, () -> recursiveGather(5, 4), null));
    }
}
