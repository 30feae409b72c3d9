package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void run_insideRunningLoop_refusedWithClearMessage() {
        vrun(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> 1));
            assertEquals("run() cannot be called from a running event loop; inside a coroutine, "
                    + "call the coroutine directly or use createTask", e.getMessage());
            return null;
        });
    }

    @Test
    void run_insideCallback_refused() {
        List<Throwable> seen = new ArrayList<>();
        vrun(() -> {
            getRunningLoop().callSoon(() -> {
                try {
                    Asyncio.run(() -> 1);
                } catch (IllegalStateException e) {
                    seen.add(e);
                }
            });
            sleep(Duration.ZERO);
            return null;
        });
        assertEquals(1, seen.size());
    }

    @Test
    void outsideLoop_operationsRefused() {
        assertEquals("no running event loop",
                assertThrows(IllegalStateException.class, Asyncio::getRunningLoop).getMessage());
        assertThrows(IllegalStateException.class, Asyncio::loopTime);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> createTask(() -> 1));
        assertTrue(e.getMessage().contains("running event loop"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> sleep(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> Asyncio.gather(List.<Task<Integer>>of()));
    }

    @Test
    void taskAwait_outsideAnyLoop_refused() {
        Task<?>[] leaked = new Task<?>[1];
        vrun(() -> {
            leaked[0] = createTask(() -> 1);
            leaked[0].await();
            return null;
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, leaked[0]::await);
        assertTrue(e.getMessage().contains("coroutine"), e.getMessage());
        assertEquals(1, leaked[0].result());
    }

    @Test
    void taskAwait_fromAnotherLoop_refused() {
        EventLoop first = EventLoop.builder().virtualClock().build();
        try (first) {
            Task<?> foreign = first.runUntilComplete(() -> createTask(() -> {
                sleep(Duration.ofSeconds(10));
                return 1;
            }));
            // first is still open, with its task pending: the second run's warning about it is expected here
            List<String> warnings = TestLoops.log();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> vrun(warnings, foreign::await));
            assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
        }
    }

    @Test
    void awaitingOperationInPlainCallback_refused() {
        List<Throwable> seen = new ArrayList<>();
        vrun(() -> {
            getRunningLoop().callSoon(() -> {
                try {
                    sleep(Duration.ofSeconds(1));
                } catch (IllegalStateException e) {
                    seen.add(e);
                }
            });
            sleep(Duration.ZERO);
            return null;
        });
        assertTrue(seen.get(0).getMessage().contains("plain callback"), seen.get(0).getMessage());
    }

    @Test
    void callSoon_fromForeignThread_refused_butThreadsafeWorks() {
        List<String> log = TestLoops.log();
        Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            Throwable[] err = new Throwable[1];
            Thread t = new Thread(() -> {
                try {
                    loop.callSoon(() -> log.add("bad"));
                } catch (IllegalStateException e) {
                    err[0] = e;
                }
                loop.callSoonThreadsafe(() -> log.add("threadsafe"));
            });
            t.start();
            t.join();
            assertInstanceOf(IllegalStateException.class, err[0]);
            sleep(Duration.ofMillis(1));
            return null;
        });
        assertEquals(List.of("threadsafe"), log);
    }

    @Test
    void sleep_negative_refused() {
        vrun(() -> {
            assertThrows(IllegalArgumentException.class, () -> sleep(Duration.ofSeconds(-1)));
            return null;
        });
    }

    @Test
    void run_checkedException_wrappedInCoroutineException() {
        IOException io = new IOException("disk full");
        CoroutineException e = assertThrows(CoroutineException.class, () -> vrun(() -> {
            throw io;
        }));
        assertSame(io, e.getCause());
    }

    @Test
    void run_uncheckedException_rethrownAsIs() {
        IllegalStateException ise = new IllegalStateException("boom");
        assertSame(ise, assertThrows(IllegalStateException.class, () -> vrun(() -> {
            throw ise;
        })));
    }

    @Test
    void taskFailure_awaitRethrows_resultRethrows() {
        vrun(() -> {
            Task<Integer> t = createTask(() -> {
                throw new ArithmeticException("oops");
            });
            assertThrows(ArithmeticException.class, t::await);
            assertEquals(TaskState.FAILED, t.state());
            assertInstanceOf(ArithmeticException.class, t.exception());
            assertThrows(ArithmeticException.class, t::result);
            assertTrue(t.toString().contains("exception=java.lang.ArithmeticException: oops"), t.toString());
            return null;
        });
    }

    @Test
    void task_cannotAwaitItself() {
        vrun(() -> {
            assertThrows(IllegalStateException.class, () -> Asyncio.currentTask().await());
            return null;
        });
    }

    @Test
    void task_toString_likeAsyncioRepr() {
        vrun(() -> {
            Task<Integer> t = createTask(() -> {
                sleep(Duration.ofSeconds(1));
                return 5;
            }, "worker");
            assertEquals("<Task pending name='worker'>", t.toString());
            sleep(Duration.ZERO);
            assertTrue(t.toString().startsWith("<Task pending name='worker' wait_for=<sleep until 1.000>"), t.toString());
            t.await();
            assertEquals("<Task finished name='worker' result=5>", t.toString());
            Task<Integer> c = createTask(() -> 1);
            c.cancel();
            sleep(Duration.ZERO);
            assertEquals("<Task cancelled name='Task-1'>", c.toString());
            return null;
        });
    }

    @Test
    void defaultNames_countPerLoop() {
        for (int i = 0; i < 2; i++) {
            vrun(() -> {
                assertEquals("main", Asyncio.currentTask().name());
                assertEquals("Task-1", createTask(() -> 1).name());
                assertEquals("Task-2", createTask(() -> 1).name());
                return null;
            });
        }
    }

    @Test
    void closedLoop_refusesToRun() {
        EventLoop loop = EventLoop.builder().virtualClock().build();
        loop.close();
        assertTrue(loop.isClosed());
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> 1));
        loop.close(); // twice is fine
    }

    @Test
    void loopReused_runUntilCompleteTwice() {
        try (EventLoop loop = EventLoop.builder().virtualClock().build()) {
            assertEquals(1, loop.runUntilComplete(() -> 1));
            assertEquals(2, loop.runUntilComplete(() -> {
                sleep(Duration.ofSeconds(1));
                return 2;
            }));
            assertEquals(1.0, loop.time());
            assertTrue(!loop.isRunning());
        }
    }

    @Test
    void cancellationOfMain_byInnerCancelledAwait_isCancellation() {
        assertThrows(CancellationException.class, () -> vrun(() -> {
            Task<Integer> t = createTask(() -> 1);
            t.cancel();
            return t.await();
        }));
    }
}
