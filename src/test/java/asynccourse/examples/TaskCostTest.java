package asynccourse.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.EventLoop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TaskCostTest {

    @Test
    @Timeout(60)
    void measure_warmsUpThenTakesTheFastestTimedRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        TaskCost c = TaskCost.measure("sleeps", () -> {
            // every run sleeps 2 ms, so the fastest timed run takes at least that
            runs.incrementAndGet();
            Thread.sleep(2);
            return 4L;
        });
        assertTrue(runs.get() >= 1 + TaskCost.WARM_UP_RUNS + TaskCost.TIMED_RUNS - 1, "runs: " + runs.get());
        assertEquals(4, c.tasks());
        assertTrue(c.fastest().compareTo(Duration.ofMillis(2)) >= 0, "a 2 ms sleep never takes less: " + c);
        assertEquals(c.fastest().toNanos() / 1000.0 / 4, c.microsPerTask(), 1e-9);
        assertTrue(c.toString().startsWith("sleeps: "), c.toString());
    }

    @Test
    @Timeout(60)
    void fib_countsTheTasksOfOneRun_defaultAndEager() {
        TaskCost lazy = TaskCost.fib(10);
        TaskCost eager = TaskCost.fib(10, EventLoop.builder().eagerTasks(true));
        assertEquals(176, lazy.tasks());
        assertEquals(176, eager.tasks());
        assertTrue(lazy.toString().startsWith("fib(10) with tasks: "), lazy.toString());
        assertTrue(eager.toString().startsWith("fib(10) with tasks, eager: "), eager.toString());
    }

    @Test
    @Timeout(10)
    void measure_runsThatDiffer_sayWhy() {
        AtomicInteger n = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TaskCost.measure("growing", () -> (long) n.incrementAndGet()));
        assertTrue(e.getMessage().contains("the same work every run"), e.getMessage());
    }

    @Test
    @Timeout(10)
    void fib_outOfRange_saysWhichNToChoose() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskCost.fib(30));
        assertTrue(e.getMessage().contains("choose n from 0 to 25"), e.getMessage());
    }
}
