package asynccourse.trace;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.runTraced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Span#overlaps} and {@link Timeline#oneAtATime}: order read from the trace, not from the clock's speed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OneAtATimeTest {
    private static final long MS = 1_000_000;

    private static Span running(long fromMs, long toMs) {
        return new Span(Duration.ofMillis(fromMs), Duration.ofMillis(toMs), TraceEvent.Kind.RUNNING, "");
    }

    private static TraceEvent at(long ms, String task, TraceEvent.Kind kind) {
        return new TraceEvent(ms * MS, task, kind, kind == TraceEvent.Kind.WAITING ? "something" : "");
    }

    @Test
    void overlaps_sharedStretch_true() {
        assertTrue(running(0, 10).overlaps(running(5, 15)));
        assertTrue(running(5, 15).overlaps(running(0, 10)));
        assertTrue(running(0, 20).overlaps(running(5, 6)), "a span inside another overlaps it");
    }

    @Test
    void overlaps_touchingOrApart_false() {
        assertFalse(running(0, 10).overlaps(running(10, 20)), "one ends where the other starts");
        assertFalse(running(10, 20).overlaps(running(0, 10)));
        assertFalse(running(0, 5).overlaps(running(7, 9)));
    }

    @Test
    void overlaps_null_throws() {
        assertThrows(NullPointerException.class, () -> running(0, 1).overlaps(null));
    }

    @Test
    void allAtOnce_commonMoment_true() {
        assertTrue(Span.allAtOnce(List.of(running(0, 10), running(5, 15), running(8, 30))));
    }

    @Test
    void allAtOnce_pairsOverlapButNotAllThree_false() {
        assertFalse(Span.allAtOnce(List.of(running(0, 10), running(5, 15), running(10, 20))), "the first ends where the third starts");
        assertFalse(Span.allAtOnce(List.of(running(0, 10), running(20, 30))));
    }

    @Test
    void allAtOnce_fewerThanTwo_throws() {
        assertThrows(IllegalArgumentException.class, () -> Span.allAtOnce(List.of(running(0, 1))));
    }

    @Test
    void oneAtATime_stepsInTurn_true() {
        Timeline tl = Timeline.of(List.of(
                at(0, "a", TraceEvent.Kind.RUNNING), at(10, "a", TraceEvent.Kind.DONE),
                at(10, "b", TraceEvent.Kind.RUNNING), at(20, "b", TraceEvent.Kind.WAITING),
                at(20, "a2", TraceEvent.Kind.RUNNING), at(30, "a2", TraceEvent.Kind.DONE),
                at(30, "b", TraceEvent.Kind.RUNNING), at(40, "b", TraceEvent.Kind.DONE)));
        assertTrue(tl.oneAtATime(List.of("a", "b", "a2")));
    }

    @Test
    void oneAtATime_twoRunningAtOnce_false() {
        Timeline tl = Timeline.of(List.of(
                at(0, "a", TraceEvent.Kind.RUNNING), at(5, "b", TraceEvent.Kind.RUNNING),
                at(10, "a", TraceEvent.Kind.DONE), at(15, "b", TraceEvent.Kind.DONE)));
        assertFalse(tl.oneAtATime(List.of("a", "b")));
        assertTrue(tl.oneAtATime(List.of("a")), "one task alone runs one step at a time");
    }

    @Test
    void oneAtATime_waitingOverlapsRunning_stillTrue() {
        Timeline tl = Timeline.of(List.of(
                at(0, "a", TraceEvent.Kind.RUNNING), at(1, "a", TraceEvent.Kind.WAITING),
                at(1, "b", TraceEvent.Kind.RUNNING), at(9, "b", TraceEvent.Kind.DONE),
                at(10, "a", TraceEvent.Kind.RUNNING), at(11, "a", TraceEvent.Kind.DONE)));
        assertTrue(tl.oneAtATime(List.of("a", "b")), "only running spans count: a waits while b runs");
    }

    @Test
    void oneAtATime_unknownTask_throws() {
        Timeline tl = Timeline.of(List.of(at(0, "a", TraceEvent.Kind.RUNNING), at(1, "a", TraceEvent.Kind.DONE)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tl.oneAtATime(List.of("a", "fib A")));
        assertTrue(e.getMessage().contains("fib A"), e.getMessage());
    }

    /** Events for lanes a and b: each step is {lane, startMs, endMs}; a lane waits between its steps. */
    private static Timeline steps(Object[]... steps) {
        List<TraceEvent> events = new java.util.ArrayList<>();
        for (Object[] s : steps) {
            events.add(at((Integer) s[1], (String) s[0], TraceEvent.Kind.RUNNING));
            events.add(at((Integer) s[2], (String) s[0], TraceEvent.Kind.WAITING));
        }
        events.sort(java.util.Comparator.comparingLong(TraceEvent::nanos));
        return Timeline.of(events);
    }

    @Test
    void tookTurns_alternatingSteps_true() {
        Timeline tl = steps(new Object[] {"a", 0, 1}, new Object[] {"b", 1, 2}, new Object[] {"a", 2, 3},
                new Object[] {"b", 3, 4}, new Object[] {"a", 4, 5}, new Object[] {"b", 5, 6});
        assertTrue(tl.tookTurns("a", "b"));
        assertTrue(tl.tookTurns("b", "a"));
    }

    @Test
    void tookTurns_lateStartThenAlternating_true() {
        // b starts only after a's third step (its thread was started late), then they alternate
        Timeline tl = steps(new Object[] {"a", 0, 1}, new Object[] {"a", 1, 2}, new Object[] {"a", 2, 3},
                new Object[] {"b", 3, 4}, new Object[] {"a", 4, 5}, new Object[] {"b", 5, 6}, new Object[] {"b", 6, 7});
        assertTrue(tl.tookTurns("a", "b"));
    }

    @Test
    void tookTurns_oneAfterAnother_false() {
        Timeline tl = steps(new Object[] {"a", 0, 1}, new Object[] {"a", 1, 2}, new Object[] {"b", 2, 3}, new Object[] {"b", 3, 4});
        assertFalse(tl.tookTurns("a", "b"));
    }

    @Test
    void tookTurns_twoInARowWhileBothUnderWay_false() {
        Timeline tl = steps(new Object[] {"a", 0, 1}, new Object[] {"b", 1, 2}, new Object[] {"a", 2, 3},
                new Object[] {"a", 3, 4}, new Object[] {"b", 4, 5}, new Object[] {"a", 5, 6});
        assertFalse(tl.tookTurns("a", "b"));
    }

    @Test
    void tookTurns_unknownTask_throws() {
        Timeline tl = steps(new Object[] {"a", 0, 1});
        assertThrows(IllegalArgumentException.class, () -> tl.tookTurns("a", "nobody"));
    }

    @Test
    void oneAtATime_cpuTasksOnOneLoop_true() {
        RunResult<List<Long>> r = runTraced(() -> gather(
                createTask(() -> spin(200_000), "w1"), createTask(() -> spin(200_000), "w2"),
                createTask(() -> spin(200_000), "w3")));
        assertEquals(3, r.value().size());
        assertTrue(r.timeline().oneAtATime(List.of("w1", "w2", "w3")));
    }

    @Test
    void oneAtATime_platformThreadsSideBySide_false() throws Exception {
        Lanes lanes = new Lanes();
        java.util.concurrent.CountDownLatch bothRunning = new java.util.concurrent.CountDownLatch(2);
        List<Thread> threads = List.of("t1", "t2").stream().map(name -> Thread.ofPlatform().start(() -> lanes.run(name, () -> {
            bothRunning.countDown();
            try {
                bothRunning.await(); // each lane is open (running) until both are
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }))).toList();
        for (Thread t : threads) {
            t.join();
        }
        assertFalse(lanes.timeline().oneAtATime(List.of("t1", "t2")));
    }

    private static long spin(int rounds) {
        long h = 1;
        for (int i = 0; i < rounds; i++) {
            h = h * 31 + i;
        }
        return h;
    }
}
