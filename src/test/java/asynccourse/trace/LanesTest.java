package asynccourse.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LanesTest {
    @Test
    void call_runningThenDone_makesOneRunningSpanOnTheLanesClock() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        Lanes lanes = new Lanes(now::get);
        String value = lanes.call("reader 1", () -> { now.addAndGet(5_000_000); return "book A"; });
        assertEquals("book A", value);
        Timeline t = lanes.timeline();
        assertEquals(List.of("reader 1"), t.tasks());
        assertEquals(List.of(new Span(Duration.ZERO, Duration.ofMillis(5), TraceEvent.Kind.RUNNING, "")), t.spans("reader 1"));
        assertEquals(TraceEvent.Kind.DONE, t.outcome("reader 1"));
    }

    @Test
    void waiting_thenRunning_recordsTheWaitWithWhatItWaitsOn() {
        AtomicLong now = new AtomicLong();
        Lanes lanes = new Lanes(now::get);
        lanes.waiting("cpu", "disk");
        now.set(2_000_000);
        lanes.running("cpu");
        now.set(3_000_000);
        lanes.done("cpu");
        List<Span> waits = lanes.timeline().waits("cpu");
        assertEquals(1, waits.size());
        assertEquals("disk", waits.get(0).detail());
        assertEquals(Duration.ofMillis(2), waits.get(0).duration());
    }

    @Test
    void run_workThrows_marksFailedAndRethrows() {
        Lanes lanes = new Lanes();
        assertThrows(IllegalStateException.class, () -> lanes.run("w", () -> { throw new IllegalStateException("x"); }));
        assertEquals(TraceEvent.Kind.FAILED, lanes.timeline().outcome("w"));
    }

    @Test
    void manyThreads_recordConcurrently_eventsStayInTimeOrder() {
        Lanes lanes = new Lanes();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 200; i++) {
                String lane = "lane " + (i % 8);
                pool.submit(() -> lanes.run(lane, () -> { }));
            }
        }
        List<TraceEvent> events = lanes.events();
        assertEquals(400, events.size());
        for (int i = 1; i < events.size(); i++) {
            assertEquals(true, events.get(i - 1).nanos() <= events.get(i).nanos(), "event " + i + " out of order");
        }
        assertEquals(8, lanes.timeline().tasks().size());
    }
}
