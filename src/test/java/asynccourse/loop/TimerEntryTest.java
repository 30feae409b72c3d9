package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** A sleeping task is its own timer entry: its cancelled entry, its due entry, and sleeping again. */
class TimerEntryTest {

    /** Sleeps {@code first}; if cancelled, logs it and sleeps {@code then}; returns the loop time at the end. */
    private static Task<Double> sleeper(List<String> log, Duration first, Duration then) {
        return createTask(() -> {
            try {
                sleep(first);
            } catch (CancellationException e) {
                log.add("cancelled at " + loopTime());
                sleep(then);
            }
            return loopTime();
        });
    }

    @Test
    void sleep_cancelledInTheHeap_thenSleepsAgain_wakesAtItsSecondDeadline() {
        List<String> log = TestLoops.log();
        double woke = vrun(() -> {
            Task<Double> t = sleeper(log, Duration.ofSeconds(10), Duration.ofSeconds(2));
            sleep(Duration.ofSeconds(1));
            t.cancel();
            double w = t.await(); // its first entry is still in the heap, cancelled
            assertEquals(0, getRunningLoop().scheduledTimers(), "the cancelled entry is not counted");
            return w;
        });
        assertEquals(3.0, woke);
        assertEquals(List.of("cancelled at 1.0"), log);
    }

    @Test
    void sleep_cancelledWhileDue_wakesOnceWithTheCancellation() {
        List<String> log = TestLoops.log();
        double woke = vrun(() -> {
            Task<Double> t = sleeper(log, Duration.ofSeconds(1), Duration.ofMillis(500));
            // due at the same time as t's sleep and made first: runs first in that iteration,
            // while t's own timer is due but has not had its turn
            getRunningLoop().callLater(Duration.ofSeconds(1), t::cancel);
            return t.await();
        });
        assertEquals(1.5, woke);
        assertEquals(List.of("cancelled at 1.0"), log);
    }

    @Test
    void sleep_manyTasksSameDeadline_wakeInTheOrderTheySlept() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            for (int i = 0; i < 5; i++) {
                String name = "t" + i;
                createTask(() -> {
                    sleep(Duration.ofSeconds(1));
                    log.add(name);
                    return null;
                });
            }
            sleep(Duration.ofSeconds(2));
            return null;
        });
        assertEquals(List.of("t0", "t1", "t2", "t3", "t4"), log);
    }
}
