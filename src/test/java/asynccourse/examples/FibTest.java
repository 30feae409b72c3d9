package asynccourse.examples;

import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.Asyncio;
import asynccourse.loop.EventLoop;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class FibTest {

    @Test
    void plain_fib10_is55_in177Calls() {
        assertEquals(new Fib.Counted(55, 177), Fib.plain(10));
        assertEquals(new Fib.Counted(0, 1), Fib.plain(0));
        assertEquals(new Fib.Counted(1, 1), Fib.plain(1));
        assertEquals(new Fib.Counted(1, 3), Fib.plain(2));
        assertEquals(6765, Fib.plain(20).value());
    }

    @Test
    void withTasks_equalsPlain() {
        for (int n = 0; n <= 15; n++) {
            int k = n;
            assertEquals(Fib.plain(n).value(), (long) vrun(() -> Fib.withTasks(k)), "n=" + n);
        }
    }

    @Test
    void withTasksCounted_fib10_creates176Tasks() {
        assertEquals(new Fib.Counted(55, 176), vrun(() -> Fib.withTasksCounted(10)));
        assertEquals(new Fib.Counted(6765, 21_890), vrun(() -> Fib.withTasksCounted(20)));
        assertEquals(new Fib.Counted(1, 0), vrun(() -> Fib.withTasksCounted(1)));
    }

    @Test
    void withTasksSleeping_fib10_takes1SecondOfLoopTime() {
        double[] t = new double[1];
        long v = vrun(() -> {
            long r = Fib.withTasksSleeping(10, Duration.ofMillis(100));
            t[0] = Asyncio.loopTime();
            return r;
        });
        assertEquals(55, v);
        assertEquals(1.0, t[0], 1e-9);
    }

    @Test
    void forkJoin_equalsPlain() {
        assertEquals(Fib.plain(25).value(), Fib.forkJoin(25));
        assertEquals(55, Fib.forkJoin(10));
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            assertEquals(Fib.plain(24).value(), Fib.forkJoin(24, 5, pool));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void negativeN_refusedWithClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fib.plain(-1));
        assertTrue(e.getMessage().contains("n >= 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fib.forkJoin(-3));
        assertThrows(IllegalArgumentException.class, () -> vrun(() -> Fib.withTasks(-2)));
    }

    @Test
    void tasksFor_matchesTheCountedTasks() {
        assertEquals(176, Fib.tasksFor(10));
        assertEquals(21_890, Fib.tasksFor(20));
        assertEquals(0, Fib.tasksFor(1));
        assertEquals(331_160_280L, Fib.tasksFor(40));
    }

    @Test
    void withTasks_ofAnNWhoseTasksCannotFitTheHeap_isRefusedNamingTheLimit() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IllegalArgumentException.class, () -> vrun(() -> Fib.withTasks(40))));
        assertTrue(e.getMessage().startsWith("fib(40) with tasks would create 331,160,280 tasks"), e.getMessage());
        assertTrue(e.getMessage().contains("the limit here is n <= "), e.getMessage());
        assertTrue(e.getMessage().contains("Fib.plain(n) or Fib.forkJoin(n)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> vrun(() -> Fib.withTasksCounted(40)));
        assertThrows(IllegalArgumentException.class, () -> vrun(() -> Fib.withTasksSleeping(40, Duration.ZERO)));
    }

    @Test
    void withTasks_traced_tasksAreNamedAfterWhatTheyCompute() {
        var timeline = Asyncio.runTraced(EventLoop.builder().virtualClock(), () -> Fib.withTasks(4)).timeline();
        assertEquals(java.util.Set.of("main", "fib(3)", "fib(2)", "fib(2) #2", "fib(1)", "fib(1) #2", "fib(1) #3",
                "fib(0)", "fib(0) #2"), java.util.Set.copyOf(timeline.tasks()));
        assertEquals(9, timeline.tasks().size(), "one lane per task: no two tasks share a name");
        assertEquals(java.util.List.of("fib(3)", "fib(2)"), timeline.tasks().subList(1, 3), "main's two children come first");
    }
}
