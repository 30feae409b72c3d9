package asynccourse.loop;

import static asynccourse.loop.Asyncio.await;
import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.toThread;
import static asynccourse.loop.Asyncio.waitFor;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CancellationTest {

    private static Task<String> sleeper(List<String> log, String name, Duration d) {
        return createTask(() -> {
            try {
                sleep(d);
                return "slept";
            } catch (CancellationException e) {
                log.add(name + " cleanup at " + loopTime());
                throw e;
            }
        }, name);
    }

    @Test
    void cancel_atSleep_deliversCancellationThatCanBeCaughtForCleanup() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<String> t = sleeper(log, "sleeper", Duration.ofSeconds(10));
            sleep(Duration.ofSeconds(1));
            assertTrue(t.cancel("stop"));
            CancellationException e = assertThrows(CancellationException.class, t::await);
            assertEquals("stop", e.getMessage());
            assertTrue(t.isCancelled());
            assertEquals(TaskState.CANCELLED, t.state());
            assertFalse(t.cancel(), "cancelling a finished task returns false");
            assertEquals(1.0, loopTime());
            assertThrows(CancellationException.class, t::result);
            assertThrows(CancellationException.class, t::exception);
            return null;
        });
        assertEquals(List.of("sleeper cleanup at 1.0"), log);
    }

    @Test
    void cancel_atTaskAwait_cancelsTheAwaitedTaskToo() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<String> inner = sleeper(log, "inner", Duration.ofSeconds(10));
            Task<String> outer = createTask(() -> {
                try {
                    return inner.await();
                } catch (CancellationException e) {
                    log.add("outer cleanup");
                    throw e;
                }
            }, "outer");
            sleep(Duration.ofSeconds(1));
            outer.cancel();
            assertThrows(CancellationException.class, outer::await);
            assertTrue(inner.isCancelled());
            return null;
        });
        assertEquals(List.of("inner cleanup at 1.0", "outer cleanup"), log);
    }

    @Test
    void cancel_atGather_cancelsAllChildren() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<String> a = sleeper(log, "a", Duration.ofSeconds(5));
            Task<String> b = sleeper(log, "b", Duration.ofSeconds(7));
            Task<List<String>> parent = createTask(() -> gather(a, b));
            sleep(Duration.ofSeconds(1));
            parent.cancel();
            assertThrows(CancellationException.class, parent::await);
            sleep(Duration.ZERO);
            assertTrue(a.isCancelled());
            assertTrue(b.isCancelled());
            return null;
        });
        assertEquals(List.of("a cleanup at 1.0", "b cleanup at 1.0"), log);
    }

    @Test
    void cancel_atCompletableFuture_deliversTheCancelMessage() {
        CompletableFuture<String> never = new CompletableFuture<>();
        String msg = vrun(() -> {
            Task<String> t = createTask(() -> await(never));
            sleep(Duration.ZERO);
            t.cancel("user pressed stop");
            return assertThrows(CancellationException.class, t::await).getMessage();
        });
        assertEquals("user pressed stop", msg);
    }

    @Test
    void cancel_atCompletableFuture_cancelsTheFuture() {
        CompletableFuture<String> never = new CompletableFuture<>();
        vrun(() -> {
            Task<String> t = createTask(() -> await(never));
            sleep(Duration.ZERO);
            sleep(Duration.ZERO);
            t.cancel();
            assertThrows(CancellationException.class, t::await);
            return null;
        });
        assertTrue(never.isCancelled());
    }

    @Test
    void await_completableFuture_completedByAnotherThread() {
        String v = vrun(() -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            Thread th = new Thread(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ignored) {
                    // ends
                }
                f.complete("from " + "thread");
            });
            th.start();
            String r = await(f);
            th.join();
            return r;
        });
        assertEquals("from thread", v);
    }

    @Test
    void await_futureCompletedByALoopTimer_onVirtualClock_doesNotHang() {
        double[] t = new double[1];
        String v = vrun(() -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            Asyncio.getRunningLoop().callLater(Duration.ofSeconds(1), () -> f.complete("done"));
            String r = await(f);
            t[0] = loopTime();
            return r;
        });
        assertEquals("done", v);
        assertEquals(1.0, t[0]);
    }

    @Test
    void toThread_onVirtualClock_timeDoesNotJumpWhileTheThreadWorks() {
        vrun(() -> {
            Task<String> sleeper = createTask(() -> {
                sleep(Duration.ofSeconds(10));
                return "woke";
            });
            toThread(() -> {
                Thread.sleep(100);
                return null;
            });
            assertEquals(0.0, loopTime(), "virtual time stood still while the worker ran");
            sleeper.cancel();
            return null;
        });
    }

    @Test
    void await_failedCompletableFuture_rethrowsTheCause() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> vrun(() -> await(CompletableFuture.failedFuture(new IllegalStateException("boom")))));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void cancel_atToThread_interruptsTheWorker_andTaskSeesItAtOnce() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch workerDone = new CountDownLatch(1);
        vrun(() -> {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Task<String> t = createTask(() -> toThread(() -> {
                started.complete(null);
                try {
                    Thread.sleep(60_000);
                    return "finished";
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    return "interrupted";
                } finally {
                    workerDone.countDown();
                }
            }));
            await(started);
            t.cancel();
            assertThrows(CancellationException.class, t::await);
            return null;
        });
        // run() waits for toThread workers before returning
        assertEquals(0, workerDone.getCount());
        assertTrue(interrupted.get());
    }

    @Test
    void toThread_runsOffTheLoop_withoutBlockingIt() {
        List<String> log = TestLoops.log();
        String r = Asyncio.run(() -> {
            CountDownLatch ticked = new CountDownLatch(1);
            Task<Void> ticker = createTask(() -> {
                log.add("tick");
                ticked.countDown();
                return null;
            });
            String v = toThread(() -> {
                ticked.await(); // would deadlock if toThread blocked the loop
                return Thread.currentThread().isVirtual() ? "virtual" : "platform";
            });
            ticker.await();
            return v;
        });
        assertEquals("platform", r);
        assertEquals(List.of("tick"), log);
    }

    @Test
    void cancel_atWaitFor_cancelsInner_andIsNotATimeout() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<String> outer = createTask(() -> waitFor(() -> {
                try {
                    sleep(Duration.ofSeconds(10));
                    return "x";
                } catch (CancellationException e) {
                    log.add("inner cleanup at " + loopTime());
                    throw e;
                }
            }, Duration.ofSeconds(5)));
            sleep(Duration.ofSeconds(1));
            outer.cancel();
            assertThrows(CancellationException.class, outer::await);
            return null;
        });
        assertEquals(List.of("inner cleanup at 1.0"), log);
    }

    @Test
    void cancel_suppressedByTheTask_taskIsNotCancelled() {
        vrun(() -> {
            Task<String> t = createTask(() -> {
                try {
                    sleep(Duration.ofSeconds(10));
                    return "slept";
                } catch (CancellationException e) {
                    return "ignored the cancellation";
                }
            });
            sleep(Duration.ofSeconds(1));
            assertTrue(t.cancel());
            assertEquals("ignored the cancellation", t.await());
            assertEquals(TaskState.DONE, t.state());
            assertFalse(t.isCancelled());
            assertEquals(1, t.cancelling());
            return null;
        });
    }

    @Test
    void cancel_beforeStart_coroutineNeverRuns() {
        AtomicBoolean ran = new AtomicBoolean();
        vrun(() -> {
            Task<String> t = createTask(() -> {
                ran.set(true);
                return "ran";
            });
            assertTrue(t.cancel());
            assertThrows(CancellationException.class, t::await);
            assertTrue(t.isCancelled());
            return null;
        });
        assertFalse(ran.get());
    }

    @Test
    void cancel_whileReady_isDeliveredAtTheResumedAwait() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<Void> t = createTask(() -> {
                try {
                    sleep(Duration.ZERO);
                    log.add("not reached");
                } catch (CancellationException e) {
                    log.add("cancelled at the yield");
                    throw e;
                }
                return null;
            });
            sleep(Duration.ZERO); // t ran and is now ready again
            t.cancel();
            assertThrows(CancellationException.class, t::await);
            return null;
        });
        assertEquals(List.of("cancelled at the yield"), log);
    }

    @Test
    void selfCancel_isDeliveredAtTheNextAwait() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<Void> t = createTask(() -> {
                Asyncio.currentTask().cancel();
                log.add("still running after cancel()");
                try {
                    sleep(Duration.ofSeconds(1));
                } catch (CancellationException e) {
                    log.add("cancelled at " + loopTime());
                    throw e;
                }
                return null;
            });
            assertThrows(CancellationException.class, t::await);
            return null;
        });
        assertEquals(List.of("still running after cancel()", "cancelled at 0.0"), log);
    }

    @Test
    void cancelledMain_runThrowsCancellation() {
        assertThrows(CancellationException.class, () -> vrun(() -> {
            Asyncio.currentTask().cancel();
            sleep(Duration.ofSeconds(1));
            return null;
        }));
    }

    @Test
    void run_cancelsRemainingTasks_andWaitsForTheirCleanup() {
        List<String> log = TestLoops.log();
        String r = vrun(() -> {
            sleeper(log, "left-behind", Duration.ofHours(1));
            sleep(Duration.ofSeconds(1));
            return "main done";
        });
        assertEquals("main done", r);
        assertEquals(List.of("left-behind cleanup at 1.0"), log);
    }

    @Test
    void doneCallbacks_runViaCallSoon_afterCompletion() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<Integer> t = createTask(() -> 42);
            t.addDoneCallback(x -> log.add("callback " + x.result()));
            log.add("added");
            t.await();
            log.add("awaited");
            sleep(Duration.ZERO);
            return null;
        });
        // the awaiting main and the callback are both scheduled when t finishes; the callback first
        assertEquals(List.of("added", "callback 42", "awaited"), log);
    }

    @Test
    void result_and_exception_ofSuccessfulTask() {
        vrun(() -> {
            Task<Integer> t = createTask(() -> 7);
            assertThrows(IllegalStateException.class, t::result);
            t.await();
            assertEquals(7, t.result());
            assertNull(t.exception());
            return null;
        });
    }
}
