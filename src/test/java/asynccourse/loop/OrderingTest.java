package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.waitFor;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.examples.SayAfter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class OrderingTest {

    @Test
    void callSoon_runsCallbacksFifo() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            EventLoop loop = getRunningLoop();
            for (int i = 0; i < 5; i++) {
                int k = i;
                loop.callSoon(() -> log.add("cb" + k));
            }
            sleep(Duration.ZERO);
            return null;
        });
        assertEquals(List.of("cb0", "cb1", "cb2", "cb3", "cb4"), log);
    }

    @Test
    void createTask_startsOnNextIteration_notInside() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<Void> t = createTask(() -> {
                log.add("task runs");
                return null;
            });
            log.add("after createTask");
            assertEquals(TaskState.PENDING, t.state());
            sleep(Duration.ZERO);
            log.add("after one iteration");
            assertTrue(t.isDone());
            return null;
        });
        assertEquals(List.of("after createTask", "task runs", "after one iteration"), log);
    }

    @Test
    void timers_runByDeadlineThenCreationOrder() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            EventLoop loop = getRunningLoop();
            loop.callLater(Duration.ofSeconds(2), () -> log.add("2s-a"));
            loop.callLater(Duration.ofSeconds(1), () -> log.add("1s-a"));
            loop.callLater(Duration.ofSeconds(2), () -> log.add("2s-b"));
            loop.callLater(Duration.ofSeconds(1), () -> log.add("1s-b"));
            TimerHandle cancelled = loop.callLater(Duration.ofMillis(1500), () -> log.add("never"));
            assertTrue(cancelled.cancel());
            assertFalse(cancelled.cancel());
            sleep(Duration.ofSeconds(3));
            return null;
        });
        assertEquals(List.of("1s-a", "1s-b", "2s-a", "2s-b"), log);
    }

    @Test
    void sleepZero_yieldsExactlyOneIteration() {
        // the same program in CPython prints:
        // ['main before sleep', 'cb1', 'A start', 'cb2', 'B start', 'main after sleep',
        //  'A after yield', 'B after yield', 'main end']
        List<String> log = TestLoops.log();
        vrun(() -> {
            EventLoop loop = getRunningLoop();
            loop.callSoon(() -> log.add("cb1"));
            Task<Void> a = createTask(() -> {
                log.add("A start");
                sleep(Duration.ZERO);
                log.add("A after yield");
                return null;
            });
            loop.callSoon(() -> log.add("cb2"));
            Task<Void> b = createTask(() -> {
                log.add("B start");
                sleep(Duration.ZERO);
                log.add("B after yield");
                return null;
            });
            log.add("main before sleep");
            sleep(Duration.ZERO);
            log.add("main after sleep");
            a.await();
            b.await();
            log.add("main end");
            return null;
        });
        assertEquals(List.of("main before sleep", "cb1", "A start", "cb2", "B start", "main after sleep",
                "A after yield", "B after yield", "main end"), log);
    }

    @Test
    void sleepZeroLoops_interleaveLikeAsyncio() {
        // CPython: ['a0', 'b0', 'a1', 'b1', 'a2', 'b2']
        List<String> log = TestLoops.log();
        vrun(() -> gather(createTask(() -> worker("a", 3, log)), createTask(() -> worker("b", 3, log))));
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), log);
    }

    private static Void worker(String name, int n, List<String> log) {
        for (int i = 0; i < n; i++) {
            log.add(name + i);
            sleep(Duration.ZERO);
        }
        return null;
    }

    @Test
    void gather_resumesAwaiterTwoIterationsAfterLastChild_likeAsyncio() {
        // CPython: ['tick0', 'quick', 'tick1', 'tick2', 'gathered', 'tick3', 'tick4', 'tick5']
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<Void> ticker = createTask(() -> {
                for (int i = 0; i < 6; i++) {
                    log.add("tick" + i);
                    sleep(Duration.ZERO);
                }
                return null;
            });
            gather(createTask(() -> {
                log.add("quick");
                return 1;
            }));
            log.add("gathered");
            ticker.await();
            return null;
        });
        assertEquals(List.of("tick0", "quick", "tick1", "tick2", "gathered", "tick3", "tick4", "tick5"), log);
    }

    @Test
    void sayAfter_tasks_printHelloWorld_in2Seconds() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<String> t1 = createTask(() -> SayAfter.sayAfter(Duration.ofSeconds(1), "hello", log::add));
            Task<String> t2 = createTask(() -> SayAfter.sayAfter(Duration.ofSeconds(2), "world", log::add));
            log.add("started at " + loopTime());
            t1.await();
            t2.await();
            log.add("finished at " + loopTime());
            return null;
        });
        assertEquals(List.of("started at 0.0", "hello", "world", "finished at 2.0"), log);
    }

    @Test
    void sayAfter_awaitedDirectly_takes3Seconds() {
        List<String> log = TestLoops.log();
        double t = TestLoops.vtime(() -> {
            SayAfter.sayAfter(Duration.ofSeconds(1), "hello", log::add);
            SayAfter.sayAfter(Duration.ofSeconds(2), "world", log::add);
            return null;
        });
        assertEquals(3.0, t);
        assertEquals(List.of("hello", "world"), log);
    }

    @Test
    void virtualClock_twoSecondSleep_isInstantAndExact() {
        long wall = System.nanoTime();
        EventLoop loop = EventLoop.builder().virtualClock().build();
        try (loop) {
            loop.runUntilComplete(() -> {
                sleep(Duration.ofSeconds(2));
                return null;
            });
            assertEquals(2_000_000_000L, loop.timeNanos());
            assertEquals(2.0, loop.time());
        }
        // a real 2 s sleep cannot take less than 2 s; anything under that, however slow the machine, was virtual
        long took = System.nanoTime() - wall;
        assertTrue(took < 2_000_000_000L, "a virtual 2 s run must not take real seconds: it took " + took / 1_000_000 + " ms");
    }

    @Test
    void virtualClock_advance_movesTime() {
        VirtualClock c = new VirtualClock();
        c.advance(Duration.ofMillis(1500));
        assertEquals(1_500_000_000L, c.nanos());
    }

    @Test
    void realClock_sleep_waitsRoughlyThatLong() {
        long t0 = System.nanoTime();
        Asyncio.run(() -> {
            sleep(Duration.ofMillis(30));
            return null;
        });
        assertTrue(System.nanoTime() - t0 >= 30_000_000L);
    }

    @Test
    void blockingCallInCoroutine_stallsOtherTasks() {
        // real clock: a task due after 10 ms cannot run while main blocks the loop for 60 ms
        long[] wokeAfter = new long[1];
        Asyncio.run(() -> {
            long t0 = System.nanoTime();
            Task<Void> other = createTask(() -> {
                sleep(Duration.ofMillis(10));
                wokeAfter[0] = System.nanoTime() - t0;
                return null;
            });
            sleep(Duration.ZERO); // other starts and sleeps
            Thread.sleep(60); // wrong in a coroutine: it holds the loop
            other.await();
            return null;
        });
        assertTrue(wokeAfter[0] >= 60_000_000L, "the 10 ms sleeper woke after " + wokeAfter[0] / 1e6 + " ms");
    }

    @Test
    void sleep_wakesTheTaskOneIterationAfterItsTimer_asInAsyncio() {
        // asyncio: the sleep's timer completes a future, which schedules the task's wake-up; a
        // plain callback due at the same moment therefore runs first (CPython 3.11: ['cb', 'task'])
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<Void> t = createTask(() -> {
                sleep(Duration.ofSeconds(1));
                log.add("task");
                return null;
            });
            sleep(Duration.ZERO);
            getRunningLoop().callLater(Duration.ofSeconds(1), () -> log.add("cb"));
            t.await();
            return null;
        });
        assertEquals(List.of("cb", "task"), log);
    }

    @Test
    void timerCancelledByAnEarlierTimerOfTheSameIteration_doesNotRun() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            EventLoop loop = getRunningLoop();
            TimerHandle[] second = new TimerHandle[1];
            loop.callLater(Duration.ofSeconds(1), () -> {
                log.add("first");
                log.add("cancelled second: " + second[0].cancel());
            });
            second[0] = loop.callLater(Duration.ofSeconds(1), () -> log.add("second"));
            sleep(Duration.ofSeconds(2));
            assertTrue(second[0].isCancelled());
            return null;
        });
        assertEquals(List.of("first", "cancelled second: true"), log);
    }

    @Test
    void tasksInterleaveOnlyAtAwaits_oneCoroutineAtATime() {
        int[] inside = new int[1];
        int[] max = new int[1];
        vrun(() -> {
            List<Task<Void>> ts = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ts.add(createTask(() -> {
                    for (int k = 0; k < 5; k++) {
                        inside[0]++;
                        max[0] = Math.max(max[0], inside[0]);
                        Thread.onSpinWait();
                        inside[0]--;
                        sleep(Duration.ZERO);
                    }
                    return null;
                }));
            }
            gather(ts);
            return null;
        });
        assertEquals(1, max[0]);
    }
    /** Holds the loop like a blocking call would: moves the virtual clock without awaiting. */
    private static void holdLoop(long millis) {
        ((VirtualClock) getRunningLoop().clock()).advance(Duration.ofMillis(millis));
    }

    private static String at(String what) {
        return "[" + Math.round(loopTime() * 1000) + " ms] " + what;
    }

    @Test
    void waitFor_zeroTimeout_letsTheCallersOwnCancellationThrough() {
        // CPython 3.11.7: ['[17 ms] c2: cancelled', '[17 ms] main: timeout']; c2 is cancelled
        // by main's deadline while its own zero-timeout wait_for waits for c3's cancellation
        List<String> log = TestLoops.log();
        vrun(() -> {
            Coroutine<Integer> c2 = () -> {
                holdLoop(17);
                try {
                    return waitFor(() -> 3, Duration.ZERO);
                } catch (AsyncTimeoutException e) {
                    log.add(at("c2: timeout"));
                    return null;
                } catch (CancellationException e) {
                    log.add(at("c2: cancelled"));
                    throw e;
                }
            };
            try {
                waitFor(c2, Duration.ofMillis(4));
                log.add(at("main: result"));
            } catch (AsyncTimeoutException e) {
                log.add(at("main: timeout"));
            }
            return null;
        });
        assertEquals(List.of("[17 ms] c2: cancelled", "[17 ms] main: timeout"), log);
    }

    @Test
    void waitFor_innerDoneWhenTheDeadlineFires_resultWins() {
        // CPython 3.11.7 (the script with time.sleep(0.005)): ['[5 ms] main: result 1']. At 5 ms
        // the nothing-task's step and then the 4 ms deadline run in one iteration; c1's wake-up
        // is already queued when the deadline fires, so c1 returns before main resumes, and
        // wait_for looks at the task when it resumes: the result wins
        List<String> log = TestLoops.log();
        vrun(() -> {
            try {
                int r = waitFor(() -> {
                    holdLoop(5);
                    createTask(() -> null).await();
                    return 1;
                }, Duration.ofMillis(4));
                log.add(at("main: result " + r));
            } catch (AsyncTimeoutException e) {
                log.add(at("main: timeout"));
            }
            return null;
        });
        assertEquals(List.of("[5 ms] main: result 1"), log);
    }

    @Test
    void waitFor_resumesTheCallerOneIterationAfterTheInnerTask_throughAWaiter() {
        // CPython 3.11.7: ['c1: Boom', 'main: Boom']: a plain await of a failing task resumes
        // its awaiter one iteration after the failure; wait_for's caller two (task -> waiter -> caller)
        List<String> log = TestLoops.log();
        class Boom extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }
        Coroutine<Void> c2 = () -> {
            throw new Boom();
        };
        vrun(() -> {
            Task<Void> c1 = createTask(() -> {
                try {
                    createTask(c2).await();
                } catch (Boom b) {
                    log.add("c1: Boom");
                }
                return null;
            });
            try {
                waitFor(c2, Duration.ofMillis(15));
            } catch (Boom b) {
                log.add("main: Boom");
            }
            c1.await();
            return null;
        });
        assertEquals(List.of("c1: Boom", "main: Boom"), log);
    }
    @Test
    void waitFor_callerCancelledInTheIterationTheInnerTaskFinishes_returnsTheResult_as311() {
        // CPython 3.11.7: "t returned inner cancelling 1": the caller's cancellation arrives
        // while its waiter is still pending, but the inner task finished in the same iteration,
        // before the caller resumed; 3.11's wait_for then returns the result (3.12 differs)
        List<String> log = TestLoops.log();
        vrun(() -> {
            Task<String> t = createTask(() -> waitFor(() -> {
                sleep(Duration.ofSeconds(1));
                return "inner";
            }, Duration.ofSeconds(10)));
            sleep(Duration.ZERO);
            sleep(Duration.ZERO); // t starts, then the inner task starts and sleeps
            getRunningLoop().callLater(Duration.ofSeconds(1), t::cancel);
            try {
                log.add("t returned " + t.await() + " cancelling " + t.cancelling());
            } catch (CancellationException e) {
                log.add("t cancelled");
            }
            return null;
        });
        assertEquals(List.of("t returned inner cancelling 1"), log);
    }
}
