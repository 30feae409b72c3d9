package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.waitFor;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class TaskGroupTest {

    private static Coroutine<String> sleeper(List<String> log, String name, double seconds) {
        return () -> {
            try {
                sleep(Duration.ofMillis((long) (seconds * 1000)));
                log.add(name + " done at " + loopTime());
                return name;
            } catch (CancellationException e) {
                log.add(name + " cancelled at " + loopTime());
                throw e;
            }
        };
    }

    private static Coroutine<String> failer(String msg, double seconds) {
        return () -> {
            sleep(Duration.ofMillis((long) (seconds * 1000)));
            throw new IllegalStateException(msg);
        };
    }

    @Test
    void taskGroup_close_awaitsAllChildren() {
        List<String> log = TestLoops.log();
        double end = TestLoops.vtime(() -> {
            try (var tg = new TaskGroup()) {
                tg.createTask(sleeper(log, "a", 1));
                tg.createTask(sleeper(log, "b", 2), "bee");
                assertEquals("bee", tg.tasks().get(1).name());
            }
            log.add("after group");
            return null;
        });
        assertEquals(2.0, end);
        assertEquals(List.of("a done at 1.0", "b done at 2.0", "after group"), log);
    }

    @Test
    void taskGroup_firstFailure_cancelsTheRest_andThrows() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            TaskGroupException e = assertThrows(TaskGroupException.class, () -> {
                try (var tg = new TaskGroup()) {
                    tg.createTask(sleeper(log, "slow", 10));
                    tg.createTask(failer("first", 1));
                    tg.createTask(failer("second", 1));
                }
            });
            assertEquals("first", e.getCause().getMessage());
            assertEquals(1, e.getSuppressed().length);
            assertEquals("second", e.getSuppressed()[0].getMessage());
            assertEquals(2, e.exceptions().size());
            assertEquals(1.0, loopTime());
            return null;
        });
        assertEquals(List.of("slow cancelled at 1.0"), log);
    }

    @Test
    void taskGroup_parentCancelled_cancelsChildren() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            assertThrows(AsyncTimeoutException.class, () -> waitFor(() -> {
                try (var tg = new TaskGroup()) {
                    tg.createTask(sleeper(log, "a", 5));
                    tg.createTask(sleeper(log, "b", 6));
                }
                return null;
            }, Duration.ofSeconds(1)));
            return null;
        });
        assertEquals(List.of("a cancelled at 1.0", "b cancelled at 1.0"), log);
    }

    @Test
    void taskGroupRun_bodyThrows_cancelsChildren() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskGroup.run(tg -> {
                tg.createTask(sleeper(log, "child", 5));
                sleep(Duration.ofSeconds(1));
                throw new IllegalArgumentException("body failed");
            }));
            assertEquals("body failed", e.getMessage());
            return null;
        });
        assertEquals(List.of("child cancelled at 1.0"), log);
    }

    @Test
    void taskGroupRun_childFailsWhileBodyAwaits_interruptsBody() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            TaskGroupException e = assertThrows(TaskGroupException.class, () -> TaskGroup.run(tg -> {
                tg.createTask(failer("child failed", 1));
                tg.createTask(sleeper(log, "sibling", 5));
                sleep(Duration.ofSeconds(10));
                log.add("body not interrupted");
                return null;
            }));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals(1.0, loopTime());
            // the parent is usable afterwards: no stray cancellation
            sleep(Duration.ofSeconds(1));
            assertEquals(2.0, loopTime());
            return null;
        });
        assertEquals(List.of("sibling cancelled at 1.0"), log);
    }

    @Test
    void taskGroupRun_returnsBodyResult() {
        int r = vrun(() -> TaskGroup.run(tg -> {
            Task<Integer> a = tg.createTask(() -> 20);
            return a.await() + 22;
        }));
        assertEquals(42, r);
    }

    @Test
    void taskGroup_createTaskAfterClose_refused() {
        vrun(() -> {
            TaskGroup tg = new TaskGroup();
            tg.close();
            assertThrows(IllegalStateException.class, () -> tg.createTask(() -> 1));
            return null;
        });
    }

    @Test
    void taskGroup_closeTwice_secondIsANoOp() {
        vrun(() -> {
            TaskGroup tg = new TaskGroup();
            tg.createTask(() -> {
                sleep(Duration.ofSeconds(1));
                return 1;
            });
            tg.close();
            tg.close(); // AutoCloseable: closing again has no effect
            assertEquals(1.0, loopTime());
            return null;
        });
    }

    @SuppressWarnings("finally") // the clean-up fails on purpose
    private static Void sleepThenFailingCleanup() {
        try {
            sleep(Duration.ofSeconds(10));
        } finally {
            throw new IllegalStateException("cleanup failed");
        }
    }

    @Test
    void taskGroupRun_bodyCancelledAndAChildFailed_theFailureWins_cancellationNotListed() {
        vrun(() -> {
            Task<Void> r = createTask(() -> TaskGroup.run(tg -> {
                tg.createTask(TaskGroupTest::sleepThenFailingCleanup);
                sleep(Duration.ofSeconds(10));
                return null;
            }));
            sleep(Duration.ofSeconds(1));
            r.cancel();
            TaskGroupException e = assertThrows(TaskGroupException.class, r::await);
            assertEquals(1, e.exceptions().size(), "the cancellation is suppressed, not a failure");
            assertInstanceOf(CancellationException.class, e.getSuppressed()[0]);
            return null;
        });
    }

    @Test
    void taskGroup_childCancelledIndividually_isNotAFailure() {
        vrun(() -> {
            Task<String> cancelled;
            try (var tg = new TaskGroup()) {
                Task<String> t = tg.createTask(() -> {
                    sleep(Duration.ofSeconds(3));
                    return "x";
                });
                tg.createTask(() -> {
                    sleep(Duration.ofSeconds(1));
                    t.cancel();
                    return "y";
                });
                cancelled = t;
            } // no TaskGroupException: a cancelled child is not a failure
            assertTrue(cancelled.isCancelled());
            assertEquals(1.0, loopTime(), "the group ended when the cancelled child did, not at 3 s");
            return null;
        });
    }

    @Test
    void run_afterAChildFailed_leavesTheParentNotCancelling() {
        int cancelling = vrun(() -> {
            assertThrows(TaskGroupException.class, () -> TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    throw new IllegalStateException("boom");
                });
                sleep(Duration.ofSeconds(1));
                return null;
            }));
            return Asyncio.currentTask().cancelling();
        });
        assertEquals(0, cancelling, "the group's own cancellation of its parent was taken back, as asyncio's uncancel()");
    }

    @Test
    void close_childFailsWhileParentWaits_parentWakesAndWaitsAgain_asAsyncio311() {
        // asyncio 3.11 cancels the parent waiting in __aexit__ too: it wakes, takes the cancellation back,
        // and waits once more for the sibling whose cancellation it has not yet heard of
        var r = Asyncio.runTraced(EventLoop.builder().virtualClock(), () -> {
            try (var tg = new TaskGroup()) {
                tg.createTask(() -> { sleep(Duration.ofSeconds(3)); return null; }, "slow");
                tg.createTask(() -> { sleep(Duration.ofSeconds(1)); throw new IllegalStateException("boom"); }, "failing");
            } catch (TaskGroupException e) {
                return Asyncio.currentTask().cancelling();
            }
            return -1;
        });
        assertEquals(0, r.value(), "failed, and the group's own cancellation taken back");
        assertEquals(List.of("taskgroup(2)", "taskgroup(1)"),
                r.timeline().waits("main").stream().map(asynccourse.trace.Span::detail).toList());
        assertEquals(Duration.ofSeconds(1), r.timeline().end());
    }
}
