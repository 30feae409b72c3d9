package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a {@link RunListener} hears, on which thread, and how it refuses a run. */
class RunListenerTest {

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private RunListener listener;

    @AfterEach
    void remove() {
        EventLoop.removeRunListener(listener);
    }

    private void listen(RunListener l) {
        listener = l;
        EventLoop.addRunListener(l);
        EventLoop.addRunListener(l); // added once only
    }

    /** Records every call with the name of the thread it came on. */
    private final class Recording implements RunListener {
        @Override
        public void runStarting(EventLoop loop) {
            heard.add("starting on " + Thread.currentThread().getName());
        }

        @Override
        public void runInterrupted(EventLoop loop) {
            heard.add("interrupted on " + Thread.currentThread().getName());
        }

        @Override
        public void cancelledForInterrupt(EventLoop loop, int tasks) {
            heard.add("cancelled " + tasks + " on " + Thread.currentThread().getName());
        }

        @Override
        public void runEnded(EventLoop loop, boolean interrupted) {
            heard.add("ended interrupted=" + interrupted + " on " + Thread.currentThread().getName());
        }
    }

    @Test
    @Timeout(10)
    void run_tellsStartingAndEndedOnTheCallingThread_once() throws Exception {
        listen(new Recording());
        Thread.ofPlatform().name("caller").start(() -> {
            try (EventLoop loop = EventLoop.builder().virtualClock().build()) {
                loop.runUntilComplete(() -> {
                    sleep(Duration.ofSeconds(1));
                    return null;
                });
            }
        }).join();
        assertEquals(List.of("starting on caller", "ended interrupted=false on caller"), heard);
    }

    @Test
    @Timeout(10)
    void runStarting_throws_refusesTheRunAndLeavesTheLoopUsable() {
        IllegalStateException no = new IllegalStateException("not now: restart the kernel");
        listen(new RunListener() {
            @Override
            public void runStarting(EventLoop loop) {
                throw no;
            }
        });
        try (EventLoop loop = EventLoop.builder().virtualClock().build()) {
            assertSame(no, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> "ran")));
            assertFalse(loop.isRunning());
            EventLoop.removeRunListener(listener);
            assertEquals("ran", loop.runUntilComplete(() -> "ran"));
        }
    }

    @Test
    @Timeout(20)
    void interruptedCaller_toldInterruptedThenCancelledOnTheDriverThenEnded() throws Exception {
        listen(new Recording());
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("caller").start(() -> {
            try {
                Asyncio.run(() -> {
                    createTask(() -> {
                        sleep(Duration.ofSeconds(60));
                        return null;
                    });
                    waiting.countDown();
                    sleep(Duration.ofSeconds(60));
                    return null;
                });
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        assertEquals(true, waiting.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join();
        assertEquals(CancellationException.class, outcome.get().getClass());
        assertEquals(List.of("starting on caller", "interrupted on caller", "cancelled 2 on " + LoopThreads.DRIVER_NAME,
                "ended interrupted=true on caller"), heard);
    }
}
