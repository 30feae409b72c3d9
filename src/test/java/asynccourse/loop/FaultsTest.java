package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.currentTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.waitFor;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The loop under faults: await cycles, huge delays, stale interrupt flags, foreign threads, errors. */
class FaultsTest {

    private static final Duration HANG = Duration.ofSeconds(10);

    // ------------------------------------------------------------------ await cycles

    @Test
    void await_closingACycleOfTwoTasks_failsAtOnceNamingTheCycle() {
        IllegalStateException e = assertTimeoutPreemptively(HANG, () -> assertThrows(IllegalStateException.class,
                () -> vrun(() -> {
                    Task<?> m = currentTask();
                    Task<Object> t = createTask(() -> m.await());
                    return t.await();
                })));
        assertTrue(e.getMessage().startsWith("await cycle: Task-1 → main → Task-1"), e.getMessage());
    }

    @Test
    void gather_ofItselfInsideWaitFor_failsAtOnceInsteadOfHanging() {
        IllegalStateException e = assertTimeoutPreemptively(HANG, () -> assertThrows(IllegalStateException.class,
                () -> vrun(() -> waitFor(() -> gather(currentTask()), Duration.ofMillis(200)))));
        assertTrue(e.getMessage().startsWith("await cycle: Task-1 → Task-1"), e.getMessage());
    }

    @Test
    void await_cycleThroughAGather_isNamedWithEveryTask() {
        IllegalStateException e = assertTimeoutPreemptively(HANG, () -> assertThrows(IllegalStateException.class,
                () -> vrun(() -> {
                    Task<?> m = currentTask();
                    Task<Object> inner = createTask(() -> m.await(), "inner");
                    Task<Object> outer = createTask(() -> gather(inner), "outer");
                    sleep(Duration.ZERO); // both start: outer waits in gather(inner), inner awaits main
                    return outer.await();
                })));
        // inner awaited main before main waited; main's await of outer closes the cycle
        assertTrue(e.getMessage().startsWith("await cycle: main → outer → inner → main"), e.getMessage());
    }

    @Test
    void await_cycleThroughATaskGroup_failsAtOnce() {
        TaskGroupException e = assertTimeoutPreemptively(HANG, () -> assertThrows(TaskGroupException.class,
                () -> vrun(() -> TaskGroup.run(tg -> {
                    Task<?> parent = currentTask();
                    tg.createTask(() -> parent.await(), "child");
                    return null; // close() waits for the child, which waits for the parent
                }))));
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().startsWith("await cycle: child → main → child"), e.getCause().getMessage());
    }

    @Test
    void await_ofASharedChildFromTwoGathers_isNoCycle() {
        List<Object> r = vrun(() -> {
            Task<Integer> shared = createTask(() -> {
                sleep(Duration.ofSeconds(1));
                return 1;
            });
            Task<List<Integer>> a = createTask(() -> gather(shared));
            Task<List<Integer>> b = createTask(() -> gather(shared, a.await().size() == 1 ? shared : shared));
            sleep(Duration.ZERO);
            return List.of(a.await(), b.await());
        });
        assertEquals(List.of(List.of(1), List.of(1, 1)), r);
    }

    @Test
    void cancel_reenteredThroughWhatTheTaskWaitsOn_terminates() {
        // a waiter that hands the cancel back to its own awaiter: the cancel must not recurse
        String r = assertTimeoutPreemptively(HANG, () -> vrun(() -> {
            Task<String> t = createTask(() -> {
                Task<?> me = currentTask();
                LoopFuture w = new LoopFuture(me.loop, "loop-back") {
                    @Override
                    boolean onCancel(String msg) {
                        return me.cancel(msg);
                    }
                };
                getRunningLoop().callLater(Duration.ofSeconds(1), () -> w.setResult("woken"));
                try {
                    return me.awaitFuture(w, "loop-back");
                } catch (CancellationException ce) {
                    return "cancelled";
                }
            });
            sleep(Duration.ZERO);
            t.cancel();
            return t.await();
        }));
        assertEquals("cancelled", r);
    }

    // ------------------------------------------------------------------ huge delays

    @Test
    void sleep_ofTheLargestNanos_afterTheClockMoved_neverFiresAndStopsNoOtherTimer() {
        double[] end = new double[1];
        boolean[] done = new boolean[1];
        vrun(() -> {
            sleep(Duration.ofSeconds(1)); // the clock is past 0: now + Long.MAX_VALUE overflows
            Task<String> forever = createTask(() -> {
                sleep(Duration.ofNanos(Long.MAX_VALUE));
                return "woke";
            });
            sleep(Duration.ofSeconds(2));
            end[0] = loopTime();
            done[0] = forever.isDone();
            forever.cancel();
            return null;
        });
        assertFalse(done[0], "a sleep of Long.MAX_VALUE ns must not end");
        assertEquals(3.0, end[0]);
    }

    @Test
    void sleep_beyondTheNanosecondRange_meansNever() {
        boolean done = vrun(() -> {
            Task<String> forever = createTask(() -> {
                sleep(Duration.ofDays(365L * 1_000_000)); // Duration.toNanos() would overflow
                return "woke";
            });
            sleep(Duration.ofSeconds(5));
            boolean d = forever.isDone();
            forever.cancel();
            return d;
        });
        assertFalse(done);
    }

    @Test
    void sleep_ofTheLargestNanos_onTheRealClock_neitherFiresNorFreezesTimers() {
        boolean[] done = new boolean[1];
        long t0 = System.nanoTime();
        assertTimeoutPreemptively(HANG, () -> Asyncio.run(() -> {
            Task<String> forever = createTask(() -> {
                sleep(Duration.ofNanos(Long.MAX_VALUE));
                return "woke";
            });
            sleep(Duration.ofMillis(50));
            done[0] = forever.isDone();
            forever.cancel();
            return null;
        }));
        assertFalse(done[0], "a sleep of Long.MAX_VALUE ns must not end");
        assertTrue(System.nanoTime() - t0 >= 50_000_000L);
    }

    @Test
    void waitFor_withAHugeTimeout_waitsForTheWork() {
        for (Duration huge : List.of(Duration.ofNanos(Long.MAX_VALUE), Duration.ofDays(365L * 1_000_000))) {
            String r = vrun(() -> {
                sleep(Duration.ofSeconds(1));
                return waitFor(() -> {
                    sleep(Duration.ofSeconds(10));
                    return "finished";
                }, huge);
            });
            assertEquals("finished", r, "timeout " + huge);
        }
    }

    @Test
    void virtualClock_advancePastItsLimit_isRefusedNamingTheLimit() {
        VirtualClock c = new VirtualClock();
        c.advance(Duration.ofSeconds(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.advance(Duration.ofNanos(Long.MAX_VALUE)));
        assertTrue(e.getMessage().contains("292 years"), e.getMessage());
        assertEquals(1_000_000_000L, c.nanos(), "a refused advance leaves the clock alone");
    }

    // ------------------------------------------------------------------ interrupt flag and parks

    @Test
    void park_afterACallbackSetTheLoopThreadsInterruptFlag_stillBlocks() {
        EventLoop loop = EventLoop.builder().build();
        try {
            loop.runUntilComplete(() -> {
                getRunningLoop().callSoon(() -> Thread.currentThread().interrupt());
                sleep(Duration.ofMillis(300));
                return null;
            });
        } finally {
            loop.close();
        }
        assertTrue(loop.parks < 50, "the loop parked " + loop.parks + " times during a 0.3 s wait: it spun");
    }

    @Test
    void interrupt_duringAnIterationOfManySteps_takesEffectBeforeTheRestOfThem() throws Exception {
        int n = 200_000;
        AtomicInteger started = new AtomicInteger();
        Thread caller = Thread.currentThread();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                Asyncio.run(() -> {
                    java.util.ArrayList<Task<Object>> tasks = new java.util.ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        tasks.add(createTask(() -> {
                            if (started.incrementAndGet() == 1) {
                                caller.interrupt(); // ask the test thread to interrupt run()
                            }
                            return null;
                        }));
                    }
                    return gather(tasks); // all n steps are ready in one iteration
                });
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        try {
            runner.join();
            throw new AssertionError("the first task did not ask for the interrupt");
        } catch (InterruptedException e) {
            runner.interrupt();
        }
        runner.join();
        assertTrue(outcome.get() instanceof CancellationException, String.valueOf(outcome.get()));
        assertTrue(started.get() < n * 3 / 4, started.get() + " of " + n + " tasks started after the interrupt");
    }

    // ------------------------------------------------------------------ virtual clock's grace

    @Test
    void virtualClock_withALongGrace_waitsForAFutureFromAnotherThreadBeforeJumping() {
        double at = Asyncio.run(EventLoop.builder().virtualClock(Duration.ofSeconds(20)), () -> {
            createTask(() -> {
                sleep(Duration.ofHours(1)); // the timer the clock would jump to
                return null;
            });
            java.util.concurrent.CompletableFuture<String> f = new java.util.concurrent.CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                f.complete("from another thread");
            });
            assertEquals("from another thread", Asyncio.await(f));
            return loopTime();
        });
        assertEquals(0.0, at, "the clock jumped before the future came");
        assertEquals(Duration.ofMillis(50), new VirtualClock().grace());
        assertThrows(IllegalArgumentException.class, () -> new VirtualClock(Duration.ofMillis(-1)));
    }

    @Test
    void virtualClock_withNoGrace_jumpsAtOnceWhileAFutureIsOutstanding() {
        double at = Asyncio.run(EventLoop.builder().virtualClock(Duration.ZERO), () -> {
            java.util.concurrent.CompletableFuture<String> f = new java.util.concurrent.CompletableFuture<>();
            getRunningLoop().callLater(Duration.ofHours(1), () -> f.complete("by a timer"));
            assertEquals("by a timer", Asyncio.await(f));
            return loopTime();
        });
        assertEquals(3600.0, at);
    }

    // ------------------------------------------------------------------ loops never closed

    @Test
    void run_afterALoopThatRanWasNeverClosed_warnsOnceNamingItsPendingTasks() {
        EventLoop unclosed = EventLoop.builder().virtualClock().build();
        try {
            unclosed.runUntilComplete(() -> {
                for (int i = 0; i < 3; i++) {
                    createTask(() -> {
                        sleep(Duration.ofHours(1));
                        return null;
                    });
                }
                sleep(Duration.ZERO);
                return null;
            });
            List<String> warnings = TestLoops.log();
            Asyncio.run(EventLoop.builder().virtualClock().warnings(warnings::add), () -> null);
            Asyncio.run(EventLoop.builder().virtualClock().warnings(warnings::add), () -> null);
            // (another test's loop left open may be reported too: count only this one)
            List<String> ours = warnings.stream().filter(w -> w.contains("its 3 pending task(s)")).toList();
            assertEquals(1, ours.size(), String.valueOf(warnings));
            assertTrue(ours.get(0).startsWith("an event loop that ran was not closed: until it is, its 3 pending task(s)"),
                    ours.get(0));
        } finally {
            unclosed.close();
        }
        List<String> after = TestLoops.log();
        Asyncio.run(EventLoop.builder().virtualClock().warnings(after::add), () -> null);
        assertTrue(after.stream().noneMatch(w -> w.contains("its 3 pending task(s)")), "a closed loop is not warned about");
    }

    // ------------------------------------------------------------------ owners, errors, lock

    @Test
    void timerHandle_cancelFromAnotherThread_isRefused() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        vrun(() -> {
            TimerHandle h = getRunningLoop().callLater(Duration.ofSeconds(1), () -> {});
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    h.cancel();
                } catch (Throwable e) {
                    seen.set(e);
                }
            });
            other.join();
            assertFalse(h.isCancelled());
            return null;
        });
        assertTrue(seen.get() instanceof IllegalStateException, String.valueOf(seen.get()));
        assertTrue(seen.get().getMessage().contains("TimerHandle.cancel"), seen.get().getMessage());
    }

    @Test
    void close_whileSomeoneHoldsTheLoopsMonitor_doesNotBlock() throws Exception {
        EventLoop loop = EventLoop.builder().virtualClock().build();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            synchronized (loop) {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        held.await();
        try {
            assertTimeoutPreemptively(HANG, () -> {
                loop.runUntilComplete(() -> "ran");
                loop.close();
            });
        } finally {
            release.countDown();
            holder.join();
        }
        assertTrue(loop.isClosed());
    }

    /** A clock whose n-th reading throws an Error: stands for any Error inside a step. */
    private static final class FailingClock implements LoopClock {
        final VirtualClock base = new VirtualClock();
        final AtomicInteger readsLeft;

        FailingClock(int reads) {
            readsLeft = new AtomicInteger(reads);
        }

        @Override
        public long nanos() {
            if (readsLeft.decrementAndGet() == 0) {
                throw new AssertionError("clock failed");
            }
            return base.nanos();
        }
    }

    @Test
    void step_throwingAnError_leavesNoCurrentTaskAndCloseFinishes() {
        for (int reads = 2; reads <= 6; reads++) {
            EventLoop loop = EventLoop.builder().clock(new FailingClock(reads)).trace(true).build();
            Throwable crash = null;
            try {
                loop.runUntilComplete(() -> {
                    sleep(Duration.ZERO);
                    return "done";
                });
            } catch (Throwable e) {
                crash = e;
            }
            assertTimeoutPreemptively(HANG, loop::close, "close() after an Error at clock read " + reads);
            assertEquals(null, loop.current, "current after an Error at clock read " + reads);
            assertEquals(0, loop.pendingTasks());
            if (crash != null) { // reported: thrown as is, or as the loop's crash with it as the cause
                Throwable c = crash instanceof IllegalStateException ? crash.getCause() : crash;
                assertTrue(c instanceof AssertionError && "clock failed".equals(c.getMessage()), String.valueOf(crash));
            }
        }
    }

    // ------------------------------------------------------------------ minor messages

    @Test
    void gather_ofANullArray_saysWhatWasNull() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> vrun(() -> gather((Task<Object>[]) null)));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("tasks"), e.getMessage());
    }

    @Test
    void result_ofATaskCancelledAtTheEndOfRun_namesTheTask() {
        AtomicReference<Task<String>> t = new AtomicReference<>();
        vrun(() -> {
            t.set(createTask(() -> {
                sleep(Duration.ofSeconds(10));
                return "late";
            }, "late-task"));
            sleep(Duration.ZERO);
            return null;
        });
        CancellationException e = assertThrows(CancellationException.class, t.get()::result);
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("late-task"), e.getMessage());
    }
}
