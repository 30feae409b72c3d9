package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EventLoopTest {

    @Test
    void close_cancelsPendingTasks_andWaitsForThem() {
        List<String> log = TestLoops.log();
        EventLoop loop = EventLoop.builder().virtualClock().build();
        Task<?> left = loop.runUntilComplete(() -> createTask(() -> {
            try {
                sleep(Duration.ofHours(1));
            } finally {
                log.add("cleanup");
            }
            return null;
        }));
        assertEquals(1, loop.pendingTasks());
        assertFalse(loop.isRunning());
        loop.close();
        assertTrue(loop.isClosed());
        assertEquals(0, loop.pendingTasks());
        assertTrue(left.isCancelled());
        assertEquals(List.of("cleanup"), log);
    }

    @Test
    void isRunning_trueInsideFalseOutside() {
        try (EventLoop loop = EventLoop.builder().virtualClock().build()) {
            assertFalse(loop.isRunning());
            assertTrue(loop.runUntilComplete(() -> getRunningLoop() == loop && loop.isRunning()));
            assertFalse(loop.isRunning());
        }
    }

    @Test
    void timerHandle_when_isInLoopTime() {
        Asyncio.run(EventLoop.builder().virtualClock(), () -> {
            sleep(Duration.ofSeconds(1));
            TimerHandle h = getRunningLoop().callLater(Duration.ofMillis(500), () -> { });
            assertEquals(1.5, h.when());
            assertTrue(h.cancel());
            assertTrue(h.isCancelled());
            return null;
        });
    }

    @Test
    void callLater_negativeDelay_refused() {
        Asyncio.run(EventLoop.builder().virtualClock(), () -> {
            assertThrows(IllegalArgumentException.class,
                    () -> getRunningLoop().callLater(Duration.ofMillis(-1), () -> { }));
            return null;
        });
    }

    @Test
    @Timeout(30)
    void twoLoopsInTwoThreads_runIndependently() throws Exception {
        AtomicReference<Throwable> err = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long[] results = new long[2];
        for (int k = 0; k < 2; k++) {
            int id = k;
            Thread t = new Thread(() -> {
                try {
                    for (int rep = 0; rep < 50; rep++) {
                        results[id] = Asyncio.run(() -> {
                            EventLoop mine = getRunningLoop();
                            List<Task<Long>> ts = new ArrayList<>();
                            for (int i = 0; i < 100; i++) {
                                long v = i;
                                ts.add(createTask(() -> {
                                    sleep(Duration.ZERO);
                                    if (getRunningLoop() != mine) {
                                        throw new AssertionError("wrong loop");
                                    }
                                    return v;
                                }));
                            }
                            long sum = 0;
                            for (long v : gather(ts)) {
                                sum += v;
                            }
                            return sum;
                        });
                    }
                } catch (Throwable e) {
                    err.set(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertNull(err.get());
        assertEquals(4950, results[0]);
        assertEquals(4950, results[1]);
    }

    @Test
    void traceOff_costsNoEvents_traceOnRecords() {
        try (EventLoop off = EventLoop.builder().virtualClock().build()) {
            off.runUntilComplete(() -> 1);
            assertFalse(off.isTracing());
            assertThrows(IllegalStateException.class, off::timeline, "no trace was recorded");
        }
        try (EventLoop on = EventLoop.builder().virtualClock().trace(true).build()) {
            on.runUntilComplete(() -> 1);
            assertTrue(on.isTracing());
            assertEquals(3, on.timeline().events().size()); // created, running, done
        }
    }

    @Test
    void sleep_onTheRealClock_neverEndsBeforeItsDeadline_andTheWaitParks() {
        // the timer wait parks until REWAKE_NANOS before its spin, parks again, then spins: no stage may
        // end the sleep early, and the wait must park rather than spin through it
        long[] took = new long[5];
        long delay = 3 * EventLoop.REWAKE_NANOS; // long enough for both parks
        EventLoop loop = EventLoop.builder().build();
        try {
            loop.runUntilComplete(() -> {
                for (int i = 0; i < took.length; i++) {
                    long t0 = System.nanoTime();
                    sleep(Duration.ofNanos(delay));
                    took[i] = System.nanoTime() - t0;
                }
                return null;
            });
        } finally {
            loop.close();
        }
        for (long t : took) {
            assertTrue(t >= delay, "a " + delay + " ns sleep ended after " + t + " ns");
        }
        assertTrue(loop.parks >= took.length && loop.parks < 50 * took.length,
                "the loop parked " + loop.parks + " times in " + took.length + " sleeps");
    }
}
