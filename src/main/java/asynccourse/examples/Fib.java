package asynccourse.examples;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.sleep;

import asynccourse.loop.Task;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * The Fibonacci numbers of the course: fib(0) = 0, fib(1) = 1, fib(n) = fib(n-1) + fib(n-2)
 * (so fib(10) = 55; that 1 + 2 + ... + 10 is also 55 is a coincidence: fib is not a sum of
 * 1..n). Computed by plain recursion counting every call, with one task per call (the event
 * loop version), and with fork/join (the multiprocessing chapter).
 *
 * <p>Counts: plain recursion makes {@code 2*fib(n+1) - 1} calls (177 for n = 10); the task
 * versions create one task per call except the top one, {@code 2*fib(n+1) - 2} tasks (176 for
 * n = 10, 21,890 for n = 20), and refuse an n whose tasks would not fit in half of the heap
 * (about 1 KB each; n &le; 30 with a 6 GB heap), saying so.
 *
 * <p>Task names: on a loop that records a trace, each task is named after what it computes,
 * {@code "fib(3)"}; a value computed again by another task gets a number, {@code "fib(2) #2"}, so
 * every task has a lane of its own in the timeline. Without a trace, tasks keep the loop's default
 * names, which cost nothing until asked for.
 *
 * <p>Threading: {@link #plain} and {@link #forkJoin} are ordinary methods; the {@code withTasks}
 * methods are coroutines (call them inside a running event loop). Cancellation: cancelling a
 * task version cancels its gathers and so every subtask. Nulls: not applicable. Negative n is
 * rejected with {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * Fib.Counted c = Fib.plain(10);                 // Counted[value=55, calls=177]
 * long v = run(() -> Fib.withTasks(10));         // 55, slightly slower
 * Fib.Counted t = run(() -> Fib.withTasksCounted(10)); // Counted[value=55, calls=176] (tasks)
 * long big = Fib.forkJoin(35);
 * }</pre>
 */
public final class Fib {
    private Fib() {}

    /**
     * A value with how many calls (or tasks) computing it took.
     *
     * @param value fib(n)
     * @param calls calls made ({@link #plain}) or tasks created ({@link #withTasksCounted})
     */
    public record Counted(long value, long calls) {}

    /**
     * Heap a pending task of the task versions takes (its task, timer and suspended coroutine
     * stack), measured at about 0.5 KB on continuations and 0.9 KB on virtual threads; rounded up
     * to the larger.
     */
    static final long BYTES_PER_TASK = 1024;

    /**
     * Refuses an n whose task tree cannot fit in half of this JVM's heap: the task versions
     * keep most of their {@code 2*fib(n+1) - 2} tasks pending at once (each waits in a gather
     * for its children), so fib(40)'s 331 million tasks would fill any heap long before the end.
     */
    private static void checkTasks(int n) {
        check(n);
        long budget = Runtime.getRuntime().maxMemory() / 2;
        int limit = 1;
        while (limit < 92 && tasksFor(limit + 1) * BYTES_PER_TASK <= budget) {
            limit++;
        }
        if (n > limit) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "fib(%d) with tasks would create %,d tasks, most of them pending at once (about %d KB each): "
                    + "more than half of this JVM's heap (%.1f GB) holds; the limit here is n <= %d (%,d tasks). "
                    + "For larger n use Fib.plain(n) or Fib.forkJoin(n)",
                    n, tasksFor(n), BYTES_PER_TASK / 1024, Runtime.getRuntime().maxMemory() / 1e9, limit, tasksFor(limit)));
        }
    }

    /** Tasks the task versions create for n: 2*fib(n+1) - 2. */
    static long tasksFor(int n) {
        long a = 0;
        long b = 1; // fib(0), fib(1)
        for (int i = 0; i < n + 1; i++) {
            long c = a + b;
            a = b;
            b = c;
        }
        return 2 * a - 2; // a = fib(n+1)
    }

    private static void check(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("fib(n) is defined for n >= 0, got n = " + n);
        }
        if (n > 92) {
            throw new IllegalArgumentException("fib(" + n + ") does not fit in a long (n <= 92)");
        }
    }

    /**
     * Plain recursion, counting every call (the top one included).
     *
     * @param n not negative
     * @return fib(n) and the number of calls
     */
    public static Counted plain(int n) {
        check(n);
        long[] calls = new long[1];
        long v = plain(n, calls);
        return new Counted(v, calls[0]);
    }

    private static long plain(int n, long[] calls) {
        calls[0]++;
        if (n < 2) {
            return n;
        }
        return plain(n - 1, calls) + plain(n - 2, calls);
    }

    /**
     * A coroutine: for n &ge; 2 creates two tasks, for n-1 and n-2, and gathers them.
     *
     * @param n not negative, and small enough that its tasks fit in half the heap
     * @return fib(n)
     * @throws IllegalArgumentException for a negative n, or one whose tasks would not fit
     */
    public static long withTasks(int n) {
        checkTasks(n);
        return tasks(n, Duration.ZERO, null, false, names());
    }

    /**
     * The same, sleeping {@code sleepPerTask} at the start of every call (the top one
     * included), to make the timing visible: fib(10) with 0.1 s takes 1.0 s of loop time
     * (the longest chain of calls is n deep).
     *
     * @param n not negative
     * @param sleepPerTask the sleep in each call
     * @return fib(n)
     */
    public static long withTasksSleeping(int n, Duration sleepPerTask) {
        checkTasks(n);
        Objects.requireNonNull(sleepPerTask, "sleepPerTask");
        return tasks(n, sleepPerTask, null, true, names());
    }

    /**
     * {@link #withTasks} that also counts the tasks it creates (176 for n = 10).
     *
     * @param n not negative
     * @return fib(n) and the number of tasks created
     */
    public static Counted withTasksCounted(int n) {
        checkTasks(n);
        long[] count = new long[1];
        long v = tasks(n, Duration.ZERO, count, false, names());
        return new Counted(v, count[0]);
    }

    /** How many tasks have computed each n so far, when the loop traces (for task names); else null. */
    private static Map<Integer, Integer> names() {
        return getRunningLoop().isTracing() ? new HashMap<>() : null;
    }

    private static String name(int n, Map<Integer, Integer> names) {
        if (names == null) {
            return null; // the loop's default name, built only if someone asks
        }
        int nth = names.merge(n, 1, Integer::sum); // one coroutine runs at a time: no race
        return nth == 1 ? "fib(" + n + ")" : "fib(" + n + ") #" + nth;
    }

    private static long tasks(int n, Duration sleepPerTask, long[] count, boolean sleeps, Map<Integer, Integer> names) {
        if (sleeps) {
            sleep(sleepPerTask);
        }
        if (n < 2) {
            return n;
        }
        Task<Long> a = createTask(() -> tasks(n - 1, sleepPerTask, count, sleeps, names), name(n - 1, names));
        Task<Long> b = createTask(() -> tasks(n - 2, sleepPerTask, count, sleeps, names), name(n - 2, names));
        if (count != null) {
            count[0] += 2; // the loop runs one coroutine at a time: no race
        }
        List<Long> r = gather(a, b);
        return r.get(0) + r.get(1);
    }

    /**
     * Fork/join on the common pool: real parallelism on several cores; below n = 20 a subtask
     * computes sequentially (a task per call would cost more than it computes).
     *
     * @param n not negative
     * @return fib(n)
     */
    public static long forkJoin(int n) {
        return forkJoin(n, 20, ForkJoinPool.commonPool());
    }

    /**
     * Fork/join with an explicit sequential threshold and pool.
     *
     * @param n not negative
     * @param sequentialBelow below this n a subtask computes sequentially (at least 2)
     * @param pool the pool
     * @return fib(n)
     */
    public static long forkJoin(int n, int sequentialBelow, ForkJoinPool pool) {
        check(n);
        Objects.requireNonNull(pool, "pool");
        if (sequentialBelow < 2) {
            throw new IllegalArgumentException("sequentialBelow must be >= 2: " + sequentialBelow);
        }
        return pool.invoke(new FibTask(n, sequentialBelow));
    }

    private static final class FibTask extends RecursiveTask<Long> {
        private static final long serialVersionUID = 1L;
        private final int n;
        private final int threshold;

        FibTask(int n, int threshold) {
            this.n = n;
            this.threshold = threshold;
        }

        @Override
        protected Long compute() {
            if (n < threshold) {
                return seq(n);
            }
            FibTask a = new FibTask(n - 1, threshold);
            a.fork();
            long b = new FibTask(n - 2, threshold).compute();
            return a.join() + b;
        }

        private static long seq(int n) {
            return n < 2 ? n : seq(n - 1) + seq(n - 2);
        }
    }
}
