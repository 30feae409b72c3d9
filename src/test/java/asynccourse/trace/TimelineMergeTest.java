package asynccourse.trace;

import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.runInExecutor;
import static asynccourse.loop.Asyncio.runTraced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimelineMergeTest {
    @Test
    void onClock_recordsTheClocksOwnValues_nothingSubtracted() {
        AtomicLong now = new AtomicLong(7_000_000);
        Lanes lanes = Lanes.onClock(now::get);
        lanes.running("worker");
        now.set(9_000_000);
        lanes.done("worker");
        assertEquals(List.of(7_000_000L, 9_000_000L), lanes.events().stream().map(TraceEvent::nanos).toList());
        // the timeline counts from where the work starts, and says where that is on the clock
        assertEquals(Duration.ofMillis(7), lanes.timeline().start());
        assertEquals(List.of(new Span(Duration.ZERO, Duration.ofMillis(2), TraceEvent.Kind.RUNNING, "")),
                lanes.timeline().spans("worker"));
    }

    @Test
    void merge_keepsBothSetsOfLanes_firstAbove_onOneTimeAxis() {
        Timeline loop = Timeline.of(List.of(
                new TraceEvent(0, "main", TraceEvent.Kind.RUNNING, ""),
                new TraceEvent(1_000_000, "main", TraceEvent.Kind.WAITING, "executor"),
                new TraceEvent(5_000_000, "main", TraceEvent.Kind.RUNNING, ""),
                new TraceEvent(6_000_000, "main", TraceEvent.Kind.DONE, "")));
        Timeline workers = Timeline.of(List.of(
                new TraceEvent(2_000_000, "pool-1", TraceEvent.Kind.RUNNING, ""),
                new TraceEvent(4_000_000, "pool-1", TraceEvent.Kind.DONE, "")));
        Timeline both = Timeline.merge(loop, workers);
        assertEquals(List.of("main", "pool-1"), both.tasks());
        assertEquals(loop.spans("main"), both.spans("main"));
        // on the common axis the worker's stretch keeps its place (2 to 4 ms), though alone it would start at 0
        assertEquals(List.of(new Span(Duration.ofMillis(2), Duration.ofMillis(4), TraceEvent.Kind.RUNNING, "")),
                both.spans("pool-1"));
        assertEquals(Duration.ofMillis(6), both.end());
        assertTrue(both.svg().contains("pool-1") && both.svg().contains("main"));
    }

    @Test
    void merge_sameLaneNameInBoth_isRejectedWithWhatToDo() {
        Timeline a = Timeline.of(List.of(new TraceEvent(0, "x", TraceEvent.Kind.RUNNING, "")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Timeline.merge(a, a));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("rename"), e.getMessage());
    }

    @Test
    void merge_loopRunWithWorkerLanesOnTheLoopsTime_mainWaitsUntilTheWorkerIsDone() {
        Lanes[] workers = new Lanes[1];
        RunResult<Long> r;
        try (var pool = Executors.newFixedThreadPool(1, t -> new Thread(t, "worker-1"))) {
            r = runTraced(() -> {
                Lanes lanes = Lanes.onClock(getRunningLoop()::timeNanos);
                workers[0] = lanes;
                return runInExecutor(pool, () -> lanes.call(Thread.currentThread().getName(), () -> {
                    Thread.sleep(20);
                    return 1L;
                }));
            });
        }
        Timeline both = Timeline.merge(r.timeline(), workers[0].timeline());
        Span work = both.running("worker-1").get(0);
        Span firstStep = both.running("main").get(0);
        Span wait = both.waits("main").get(0);
        assertEquals("executor", wait.detail());
        // main submits the work in its first step (the worker may start before main has suspended)
        // and resumes only after the work has ended: one time axis for both
        assertTrue(firstStep.start().compareTo(work.start()) <= 0, "the work starts after main does: " + firstStep + ", " + work);
        assertTrue(work.end().compareTo(wait.end()) <= 0, "main's wait " + wait + " ends after the work " + work);
        assertTrue(work.duration().toMillis() >= 20, "the worker lane holds the 20 ms of work: " + work);
    }
}
