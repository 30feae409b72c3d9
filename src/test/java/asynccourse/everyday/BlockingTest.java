package asynccourse.everyday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.trace.Lanes;
import asynccourse.trace.Timeline;
import asynccourse.trace.TraceEvent;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BlockingTest {

    @Test
    @Timeout(30)
    void platformThreads_startsAndJoinsEach_returnsTheCount() throws Exception {
        assertEquals(50, Blocking.platformThreads(50));
        assertThrows(IllegalArgumentException.class, () -> Blocking.platformThreads(0));
    }

    @Test
    void failAfter_throwsWithTheMessage() {
        var e = assertThrows(IllegalStateException.class, () -> Blocking.failAfter(Duration.ZERO, "disk full"));
        assertEquals("disk full", e.getMessage());
    }

    @Test
    @Timeout(30)
    void sayAfter_interrupted_throwsAndReturnsNothing() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Blocking.sayAfter(Duration.ofHours(1), "never");
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.interrupt();
        t.join();
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
    }

    @Test
    void carrierName_onVirtualThread_namesTheCarrier_onPlatformThread_empty() throws Exception {
        assertEquals("", Blocking.carrierName());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            String name = executor.submit(Blocking::carrierName).get();
            assertFalse(name.isEmpty());
            assertTrue(name.contains("ForkJoinPool"), name);
        }
    }

    @Test
    @Timeout(30)
    void sayAfterWithLanes_drawsWaitThenRunThenDone_interruptedEndsFailed() throws Exception {
        Lanes lanes = new Lanes();
        assertEquals("hi", Blocking.sayAfter(Duration.ZERO, "hi", lanes));
        Thread t = Thread.ofVirtual().unstarted(() -> {
            try {
                Blocking.sayAfter(Duration.ofHours(1), "cut short", lanes);
            } catch (InterruptedException expected) {
                // the lane records it
            }
        });
        t.start();
        t.interrupt();
        t.join();
        Timeline timeline = lanes.timeline();
        assertEquals(TraceEvent.Kind.DONE, timeline.outcome("hi"));
        assertEquals(1, timeline.waits("hi").size());
        assertEquals(TraceEvent.Kind.FAILED, timeline.outcome("cut short"));
    }

    @Test
    void spin_runsTheBusyLoop() {
        assertTrue(Blocking.spin(Duration.ofMillis(1)) > 0);
    }
}
