package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LeakAndStressTest {

    private static void awaitNoLiveThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((LiveCounts.LIVE_COROUTINES.get() != 0 || LiveCounts.LIVE_DRIVER_THREADS.get() != 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(0, LiveCounts.LIVE_COROUTINES.get(), "live coroutines");
        assertEquals(0, LiveCounts.LIVE_DRIVER_THREADS.get(), "live driver threads");
    }

    @Test
    @Timeout(60)
    void twoThousandRuns_leaveNoThreadBehind() throws Exception {
        // one run first: it starts the virtual-thread carriers, which are the JVM's, not leaks
        Asyncio.run(EventLoop.builder().virtualClock(), () -> createTask(() -> 0).await());
        awaitNoLiveThreads();
        int platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        // each run starts and joins a driver thread of its own (0.2-0.3 ms here): 2,000 runs are
        // enough to show a leak of one thread or task per run, and stay far inside the timeout
        for (int i = 0; i < 2_000; i++) {
            int k = i;
            int r = Asyncio.run(EventLoop.builder().virtualClock(), () -> {
                Task<Integer> a = createTask(() -> {
                    sleep(Duration.ofSeconds(1));
                    return k;
                });
                createTask(() -> {
                    sleep(Duration.ofHours(1)); // left behind: cancelled by run()
                    return 0;
                });
                return a.await();
            });
            assertEquals(k, r);
        }
        awaitNoLiveThreads();
        int platformAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        assertTrue(platformAfter <= platformBefore + 2,
                "platform threads grew from " + platformBefore + " to " + platformAfter);
    }

    @Test
    @Timeout(60)
    void oneMillionTasks_inBatches_gathered() throws Exception {
        int batches = 10;
        int perBatch = 100_000;
        long total = Asyncio.run(EventLoop.builder().virtualClock(), () -> {
            long sum = 0;
            for (int b = 0; b < batches; b++) {
                List<Task<Integer>> tasks = new ArrayList<>(perBatch);
                for (int i = 0; i < perBatch; i++) {
                    tasks.add(createTask(() -> {
                        sleep(Duration.ofMillis(1));
                        return 1;
                    }));
                }
                for (int v : gather(tasks)) {
                    sum += v;
                }
            }
            return sum;
        });
        assertEquals((long) batches * perBatch, total);
        awaitNoLiveThreads();
    }

    @Test
    @Timeout(30)
    void interrupt_ofRunningThread_cancelsEverything_waitsForCleanup() throws Exception {
        AtomicInteger cleanedUp = new AtomicInteger();
        CountDownLatch allStarted = new CountDownLatch(3);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                Asyncio.run(() -> {
                    for (int i = 0; i < 2; i++) {
                        createTask(() -> {
                            allStarted.countDown();
                            try {
                                sleep(Duration.ofSeconds(60));
                            } finally {
                                sleep(Duration.ofMillis(20)); // cleanup that itself awaits
                                cleanedUp.incrementAndGet();
                            }
                            return null;
                        });
                    }
                    allStarted.countDown();
                    try {
                        sleep(Duration.ofSeconds(60));
                    } finally {
                        cleanedUp.incrementAndGet();
                    }
                    return null;
                });
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        runner.start();
        assertTrue(allStarted.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        runner.interrupt();
        runner.join(10_000);
        assertTrue(!runner.isAlive(), "run() must return after an interrupt");
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        assertTrue(outcome.get() instanceof CancellationException, String.valueOf(outcome.get()));
        assertEquals(3, cleanedUp.get(), "every task finished its cleanup before run() returned");
        awaitNoLiveThreads();
    }

    @Test
    @Timeout(30)
    void interrupt_reachesCoroutineBlockingTheLoop() throws Exception {
        CountDownLatch blocking = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                Asyncio.run(() -> {
                    blocking.countDown();
                    Thread.sleep(60_000); // wrong in a coroutine, but a learner will do it
                    return null;
                });
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        runner.start();
        assertTrue(blocking.await(10, TimeUnit.SECONDS));
        runner.interrupt();
        runner.join(10_000);
        assertTrue(!runner.isAlive());
        assertTrue(outcome.get() instanceof CancellationException, String.valueOf(outcome.get()));
        awaitNoLiveThreads();
    }

    @Test
    void interrupt_beforeRun_isTurnedIntoCancellation() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> Asyncio.run(() -> {
                sleep(Duration.ofSeconds(30));
                return null;
            }));
        } finally {
            Thread.interrupted();
        }
    }
}
