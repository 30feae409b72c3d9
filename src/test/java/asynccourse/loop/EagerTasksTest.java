package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.currentTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.examples.Fib;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Eager tasks ({@code EventLoop.Builder.eagerTasks}) against asyncio 3.12's
 * {@code eager_task_factory}, and the default mode against 3.11 on the same scenarios. Every
 * expected list is what CPython printed for the same program (3.12.1 with and without the
 * eager task factory; 3.11.7 gives the same lines as 3.12 without it), with one deliberate
 * difference: asyncio names a task only after its eager step (it prints {@code Task-33} there),
 * while here a name given to {@code createTask} is the task's name from the start.
 */
class EagerTasksTest {

    private static <T> T run(boolean eager, Coroutine<T> main) {
        return Asyncio.run(EventLoop.builder().virtualClock().eagerTasks(eager), main);
    }

    private static List<String> mixed(boolean eager) {
        List<String> log = new ArrayList<>();
        run(eager, () -> {
            EventLoop loop = getRunningLoop();
            Task<?> main = currentTask();
            log.add("main before");
            Task<String> c1 = createTask(() -> {
                log.add("c1 start, current " + currentTask().name());
                log.add("c1 end");
                return "c1";
            }, "c1");
            log.add("main after c1, current is main " + (currentTask() == main) + ", c1 done " + c1.isDone());
            Task<String> c2 = createTask(() -> {
                log.add("c2 start, current " + currentTask().name());
                sleep(Duration.ZERO);
                log.add("c2 end");
                return "c2";
            }, "c2");
            log.add("main after c2, c2 done " + c2.isDone());
            loop.callSoon(() -> log.add("callSoon callback"));
            c1.addDoneCallback(t -> log.add("c1 done callback"));
            log.add("main gathered " + gather(c1, c2));
            return null;
        });
        return log;
    }

    @Test
    void eager_taskRunsInsideCreateTask_untilItsFirstSuspension() {
        assertEquals(List.of(
                "main before",
                "c1 start, current c1",
                "c1 end",
                "main after c1, current is main true, c1 done true",
                "c2 start, current c2",
                "main after c2, c2 done false",
                "c2 end",
                "callSoon callback",
                "c1 done callback",
                "main gathered [c1, c2]"), mixed(true));
    }

    @Test
    void default_sameProgram_keeps311Order() {
        assertEquals(List.of(
                "main before",
                "main after c1, current is main true, c1 done false",
                "main after c2, c2 done false",
                "c1 start, current c1",
                "c1 end",
                "c2 start, current c2",
                "callSoon callback",
                "c1 done callback",
                "c2 end",
                "main gathered [c1, c2]"), mixed(false));
    }

    private static List<String> gatherDone(boolean eager) {
        List<String> log = new ArrayList<>();
        run(eager, () -> {
            Task<String> a = createTask(() -> {
                log.add("a runs");
                return "a";
            }, "a");
            Task<String> b = createTask(() -> {
                log.add("b runs");
                return "b";
            }, "b");
            getRunningLoop().callSoon(() -> log.add("callSoon callback"));
            log.add("main gathered " + gather(a, b));
            sleep(Duration.ZERO);
            log.add("main end");
            return null;
        });
        return log;
    }

    @Test
    void eager_gatherOfFinishedTasks_returnsWithoutSuspending() {
        assertEquals(List.of("a runs", "b runs", "main gathered [a, b]", "callSoon callback", "main end"),
                gatherDone(true));
    }

    @Test
    void default_gather_waitsForTheChildrenNextIteration() {
        assertEquals(List.of("a runs", "b runs", "callSoon callback", "main gathered [a, b]", "main end"),
                gatherDone(false));
    }

    private static List<String> nested(boolean eager) {
        List<String> log = new ArrayList<>();
        run(eager, () -> {
            Task<Integer> outer = createTask(() -> {
                log.add("outer start");
                Task<Integer> inner = createTask(() -> {
                    log.add("inner start");
                    sleep(Duration.ZERO);
                    log.add("inner end");
                    return 2;
                }, "inner");
                log.add("outer created inner");
                int v = inner.await();
                log.add("outer end");
                return v + 1;
            }, "outer");
            log.add("main created outer");
            log.add("main got " + outer.await());
            return null;
        });
        return log;
    }

    @Test
    void eager_nestedStarts_unwindInnermostFirst() {
        assertEquals(List.of("outer start", "inner start", "outer created inner", "main created outer",
                "inner end", "outer end", "main got 3"), nested(true));
        assertEquals(List.of("main created outer", "outer start", "outer created inner", "inner start",
                "inner end", "outer end", "main got 3"), nested(false));
    }

    private static List<String> failure(boolean eager) {
        List<String> log = new ArrayList<>();
        run(eager, () -> {
            Task<Void> bad = createTask(() -> {
                log.add("bad runs");
                throw new IllegalArgumentException("boom");
            }, "bad");
            log.add("main after create, done " + bad.isDone());
            try {
                bad.await();
            } catch (IllegalArgumentException e) {
                log.add("main caught " + e.getMessage());
            }
            return null;
        });
        return log;
    }

    @Test
    void eager_failureInTheEagerStep_isTheTasksOutcome() {
        assertEquals(List.of("bad runs", "main after create, done true", "main caught boom"), failure(true));
        assertEquals(List.of("main after create, done false", "bad runs", "main caught boom"), failure(false));
    }

    private static List<String> fromCallback(boolean eager) {
        List<String> log = new ArrayList<>();
        run(eager, () -> {
            List<Task<Void>> box = new ArrayList<>();
            getRunningLoop().callSoon(() -> {
                log.add("callback start");
                box.add(getRunningLoop().createTask(() -> {
                    log.add("child runs, current " + currentTask().name());
                    sleep(Duration.ZERO);
                    log.add("child end");
                    return null;
                }, "child"));
                log.add("callback end");
            });
            sleep(Duration.ZERO);
            log.add("main after one iteration");
            box.get(0).await();
            log.add("main end");
            return null;
        });
        return log;
    }

    @Test
    void eager_taskCreatedInACallback_startsInsideTheCallback() {
        assertEquals(List.of("callback start", "child runs, current child", "callback end",
                "main after one iteration", "child end", "main end"), fromCallback(true));
        assertEquals(List.of("callback start", "callback end", "main after one iteration",
                "child runs, current child", "child end", "main end"), fromCallback(false));
    }

    private static List<String> group(boolean eager) {
        List<String> log = new ArrayList<>();
        run(eager, () -> {
            try (TaskGroup tg = new TaskGroup()) {
                Task<Integer> q1 = tg.createTask(() -> {
                    log.add("quick 1");
                    return 1;
                }, "q1");
                log.add("q1 done " + q1.isDone());
                tg.createTask(() -> {
                    log.add("slow start");
                    sleep(Duration.ZERO);
                    log.add("slow end");
                    return null;
                }, "slow");
                log.add("body end");
            }
            log.add("group closed");
            return null;
        });
        return log;
    }

    @Test
    void eager_taskGroup_countsAFinishedChildAtOnce() {
        assertEquals(List.of("quick 1", "q1 done true", "slow start", "body end", "slow end", "group closed"),
                group(true));
        assertEquals(List.of("q1 done false", "body end", "quick 1", "slow start", "slow end", "group closed"),
                group(false));
    }

    @Test
    void eager_fib_sameValueAndTaskCount() {
        assertEquals(new Fib.Counted(55, 176), run(true, () -> Fib.withTasksCounted(10)));
        assertEquals(6765L, run(true, () -> Fib.withTasks(20)));
    }

    @Test
    void eager_mainTask_isNotEager_andLoopReportsTheOption() {
        List<String> log = new ArrayList<>();
        try (EventLoop loop = EventLoop.builder().virtualClock().eagerTasks(true).build()) {
            assertTrue(loop.eagerTasks());
            loop.runUntilComplete(() -> {
                log.add("main runs");
                return null;
            });
            assertFalse(EventLoop.builder().build().eagerTasks());
        }
        assertEquals(List.of("main runs"), log);
    }

    @Test
    void eager_cancelAfterTheEagerStep_cancelsAtTheAwait() {
        List<String> log = new ArrayList<>();
        run(true, () -> {
            Task<Void> t = createTask(() -> {
                log.add("started");
                try {
                    sleep(Duration.ofSeconds(10));
                } catch (java.util.concurrent.CancellationException e) {
                    log.add("cancelled in sleep");
                    throw e;
                }
                return null;
            }, "sleeper");
            assertSame(TaskState.PENDING, t.state());
            t.cancel();
            sleep(Duration.ZERO);
            log.add("cancelled " + t.isCancelled());
            return null;
        });
        assertEquals(List.of("started", "cancelled in sleep", "cancelled true"), log);
    }

    @Test
    void eager_trace_showsTheCreatorWaitingWhileTheTaskStarts() {
        RunResult<Long> r = Asyncio.runTraced(EventLoop.builder().virtualClock().eagerTasks(true),
                () -> createTask(() -> 1L, "one").await());
        List<String> seen = new ArrayList<>();
        for (asynccourse.trace.TraceEvent e : r.timeline().events()) {
            seen.add(e.task() + " " + e.kind() + (e.detail().isEmpty() ? "" : " " + e.detail()));
        }
        assertEquals(List.of("main CREATED", "main RUNNING", "one CREATED", "main WAITING eager start of one",
                "one RUNNING", "one DONE", "main RUNNING", "main DONE"), seen);
    }
}
