package asynccourse.examples;

import asynccourse.loop.Asyncio;
import asynccourse.loop.EventLoop;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What one task costs, measured one way everywhere in the course: a whole run that creates a
 * known number of tasks is repeated; the first runs only warm up the JIT (at least
 * {@link #WARM_UP_RUNS} runs and {@link #WARM_UP} of time, whichever is longer), then the fastest
 * of {@link #TIMED_RUNS} timed runs, divided by its number of tasks, is the cost per task. The
 * fastest run is the one least disturbed by the rest of the machine; the warm-up keeps a cold
 * JIT from counting as the cost of a task (a cold fib(20) with tasks took several times the warm
 * figure on the development machine).
 *
 * <p>Threading: {@link #measure} runs the work on the calling thread, one run at a time.
 * Cancellation: an interrupt of the calling thread ends the measurement with the exception the
 * work throws. Nulls: arguments must not be null.
 *
 * <pre>{@code
 * TaskCost ours = TaskCost.fib(20);                       // the default loop
 * TaskCost eager = TaskCost.fib(20, EventLoop.builder().eagerTasks(true));
 * System.out.println(ours);  // fib(20) with tasks: 0.41 µs per task (21,890 tasks; fastest of 5 runs after a warm-up)
 * }</pre>
 *
 * @param what what was measured, for printing
 * @param tasks the tasks (or threads, or futures) one run creates
 * @param fastest the fastest timed run
 */
public record TaskCost(String what, long tasks, Duration fastest) {
    /** Untimed runs before timing: at least this many. */
    public static final int WARM_UP_RUNS = 5;
    /** Untimed runs before timing: at least this long. */
    public static final Duration WARM_UP = Duration.ofMillis(500);
    /** Timed runs; the fastest counts. */
    public static final int TIMED_RUNS = 5;

    /**
     * Checks the parts.
     *
     * @param what what was measured
     * @param tasks tasks per run, positive
     * @param fastest the fastest run, not negative
     */
    public TaskCost {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(fastest, "fastest");
        if (tasks <= 0) {
            throw new IllegalArgumentException("a run must create at least one task: " + tasks);
        }
    }

    /**
     * Measures {@code run}, which does one whole run and returns how many tasks it created (the
     * same number every time).
     *
     * @param what what is measured, e.g. {@code "virtual threads"}
     * @param run one run; returns its number of tasks
     * @return the cost per task
     * @throws IllegalStateException if the runs create different numbers of tasks
     * @throws Exception what a run throws
     */
    public static TaskCost measure(String what, Callable<Long> run) throws Exception {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(run, "run");
        long tasks = run.call();
        long warmUntil = System.nanoTime() + WARM_UP.toNanos();
        for (int i = 1; i < WARM_UP_RUNS || System.nanoTime() < warmUntil; i++) {
            same(what, tasks, run.call());
        }
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < TIMED_RUNS; i++) {
            long t0 = System.nanoTime();
            long n = run.call();
            fastest = Math.min(fastest, System.nanoTime() - t0);
            same(what, tasks, n);
        }
        return new TaskCost(what, tasks, Duration.ofNanos(fastest));
    }

    /**
     * The cost of a task of {@code Fib.withTasks(n)} on a default loop.
     *
     * @param n which fib, 0 to 25
     * @return the cost per task
     */
    public static TaskCost fib(int n) {
        return fib(n, EventLoop.builder());
    }

    /**
     * The cost of a task of {@code Fib.withTasks(n)} on loops made by {@code loop} (for instance
     * with eager tasks); each run is one {@code Asyncio.run}.
     *
     * @param n which fib, 0 to 25
     * @param loop the loops to run on
     * @return the cost per task
     */
    public static TaskCost fib(int n, EventLoop.Builder loop) {
        Objects.requireNonNull(loop, "loop");
        if (n < 0 || n > 25) {
            throw new IllegalArgumentException("fib(" + n + "): choose n from 0 to 25 (fib(25) already makes 242,784 tasks a run)");
        }
        boolean eager;
        try (EventLoop probe = loop.build()) {
            eager = probe.eagerTasks();
        }
        String what = "fib(" + n + ") with tasks" + (eager ? ", eager" : "");
        try {
            return measure(what, () -> Asyncio.run(loop, () -> Fib.withTasksCounted(n)).calls());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }

    private static void same(String what, long expected, long got) {
        if (got != expected) {
            throw new IllegalStateException(what + ": a run made " + got + " tasks, the first made " + expected
                    + "; a cost per task needs the same work every run");
        }
    }

    /**
     * The cost of one task in microseconds.
     *
     * @return the fastest run's time divided by its tasks
     */
    public double microsPerTask() {
        return fastest.toNanos() / 1000.0 / tasks;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %.2f µs per task (%,d tasks; fastest of %d runs after a warm-up)",
                what, microsPerTask(), tasks, TIMED_RUNS);
    }
}
