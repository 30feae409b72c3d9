package asynccourse.parallel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * A CPU-bound job that splits evenly: {@code units} independent pieces, each computing fib(n)
 * by plain recursion (no waiting, no shared state), so the only way to finish it sooner is to
 * run pieces on several cores at once. Every way of running it returns the same checksum,
 * {@code units × fib(n)}.
 *
 * <p>Each way of running it returns a {@link Run}: the checksum, the wall time, and (on Linux)
 * how many threads computed pieces, how much CPU time they got and how long they were ready to
 * run but waited for a free core. Those tell "the program made the pieces take turns" (one
 * thread, or threads that block each other) apart from "the threads were ready side by side but
 * the machine had no free core for them", which a busy machine causes.
 *
 * <p>Threading: immutable; each method runs the whole job and returns when it is done (the
 * threads or tasks it starts have ended or are back in their pool). Cancellation: not
 * supported (a piece runs to its end; interrupting the caller of {@link #threads} makes it
 * throw {@link IllegalStateException} after the threads it started have finished). Nulls: pools
 * must not be null.
 *
 * <pre>{@code
 * CpuWork job = new CpuWork(24, 27);
 * CpuWork.Run a = job.sequential();          // one core
 * CpuWork.Run b = job.threads(2);            // two platform threads, half the pieces each
 * CpuWork.Run c = job.parallelStream();      // the common ForkJoinPool
 * assert b.checksum() == job.expected();
 * double speedUp = a.seconds() / b.seconds();
 * }</pre>
 *
 * @param units how many pieces, at least 1
 * @param n each piece computes fib(n), 0 ≤ n ≤ 45
 */
public record CpuWork(int units, int n) {

    /**
     * Validates the sizes.
     *
     * @param units at least 1
     * @param n between 0 and 45
     */
    public CpuWork {
        if (units < 1) {
            throw new IllegalArgumentException("units must be at least 1, got " + units);
        }
        if (n < 0 || n > 45) {
            throw new IllegalArgumentException("n must be between 0 and 45 (fib(45) already takes seconds), got " + n);
        }
    }

    /**
     * One run of the job, with what the threads that computed its pieces went through. Each
     * such thread is followed from the start of its first piece to the end of its last (its
     * <em>stretch</em>): how much of that it ran on a core, and how much it was ready to run but
     * waited for a free one.
     *
     * @param checksum what the pieces added up to ({@link #expected()} when all is well)
     * @param wall how long the run took
     * @param cpu CPU time of those threads over their stretches (null where unknown)
     * @param waitedForCore time they were ready but waited for a free core (null where unknown)
     * @param stretches the lengths of their stretches, added up
     * @param threads how many threads (or processes) computed pieces
     */
    public record Run(long checksum, Duration wall, Duration cpu, Duration waitedForCore, Duration stretches, int threads) {
        /**
         * Validates the run.
         *
         * @param checksum the sum
         * @param wall positive
         * @param cpu not negative, or null
         * @param waitedForCore not negative, or null
         * @param stretches not negative
         * @param threads not negative
         */
        public Run {
            java.util.Objects.requireNonNull(wall, "wall");
            java.util.Objects.requireNonNull(stretches, "stretches");
            if (wall.isNegative() || wall.isZero()) {
                throw new IllegalArgumentException("wall time must be positive: " + wall);
            }
            if ((cpu != null && cpu.isNegative()) || (waitedForCore != null && waitedForCore.isNegative())
                    || stretches.isNegative() || threads < 0) {
                throw new IllegalArgumentException("times and counts cannot be negative: " + cpu + ", " + waitedForCore
                        + ", " + stretches + ", " + threads);
            }
        }

        /**
         * Returns the wall time in seconds.
         *
         * @return seconds
         */
        public double seconds() {
            return wall.toNanos() / 1e9;
        }

        /**
         * CPU time over wall time: on average, how many cores worked on the pieces at once.
         *
         * @return cores busy, NaN where unknown
         */
        public double coresBusy() {
            return cpu == null ? Double.NaN : (double) cpu.toNanos() / wall.toNanos();
        }

        /**
         * The share of their stretches in which the threads were running or ready to run:
         * about 1 for threads that compute without ever blocking (whether or not the machine had
         * a free core for them), about 1/n for n threads that take turns on a lock (CPython's
         * GIL: a thread waiting for it is not ready to run).
         *
         * @return 0 to 1, NaN where unknown
         */
        public double readyShare() {
            return cpu == null || waitedForCore == null || stretches.isZero() ? Double.NaN
                    : Math.min(1.0, (double) (cpu.toNanos() + waitedForCore.toNanos()) / stretches.toNanos());
        }
    }

    /**
     * Per-run accumulator of the scheduler figures of every thread that computed pieces, over
     * its stretch (the moments between its pieces count too: a thread preempted there waited
     * for a core all the same).
     */
    private static final class Tally {
        /** thread -> {first cpu, first waited, first wall, last cpu, last waited, last wall} */
        private final java.util.concurrent.ConcurrentHashMap<Thread, long[]> threads = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean unknown = !SchedStat.available();

        /** Before a piece: remembers the thread's figures the first time it is seen. */
        void start() {
            threads.computeIfAbsent(Thread.currentThread(), t -> {
                long[] now = new long[2];
                SchedStat.read(now);
                long wall = System.nanoTime();
                return new long[] {now[0], now[1], wall, now[0], now[1], wall};
            });
        }

        /** After a piece: the thread's figures so far (only this thread writes its entry). */
        void end() {
            long[] now = new long[2];
            SchedStat.read(now);
            long[] f = threads.get(Thread.currentThread());
            f[5] = System.nanoTime();
            if (now[0] < 0 || f[0] < 0) {
                unknown = true;
                return;
            }
            f[3] = now[0];
            f[4] = now[1];
        }

        Run finish(long checksum, long startNanos) {
            long wall = Math.max(1, System.nanoTime() - startNanos);
            long cpu = 0;
            long waited = 0;
            long stretches = 0;
            for (long[] f : threads.values()) {
                cpu += Math.max(0, f[3] - f[0]);
                waited += Math.max(0, f[4] - f[1]);
                stretches += Math.max(0, f[5] - f[2]);
            }
            return new Run(checksum, Duration.ofNanos(wall), unknown ? null : Duration.ofNanos(cpu),
                    unknown ? null : Duration.ofNanos(waited), Duration.ofNanos(stretches), threads.size());
        }
    }

    /**
     * Plain recursive Fibonacci, nothing counted: the unit of CPU work of this chapter.
     *
     * @param n not negative (no check: callers pass validated sizes)
     * @return fib(n)
     */
    public static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    /**
     * Runs {@code work} on the calling thread and returns how long it held a core. On a platform
     * thread whose CPU time the JVM reports, that is the thread's CPU time over the work (at most
     * its wall time). Elsewhere (a virtual thread, which has no CPU time of its own) it is the wall
     * time minus the time the thread was ready to run but waited for a free core (Linux; elsewhere
     * simply the wall time); on a virtual thread that reads its carrier's figures, which is right
     * while the virtual thread keeps one carrier (as on the course kernel, which has one). Either
     * way, on a busy machine this compares two pieces of work fairly, whoever else wanted the cores
     * meanwhile. CPU time comes first because it also holds under a CPU quota (a cgroup's), where
     * the kernel's figures for waiting can exceed the wall time and leave a fraction of the work.
     *
     * @param work the work
     * @return its time on a core
     */
    public static Duration timeOnCore(Runnable work) {
        Objects.requireNonNull(work, "work");
        long c0 = SchedStat.threadCpuNanos();
        long t0 = System.nanoTime();
        long w0 = SchedStat.waitedNanos(); // inside the wall window: a wait just outside it is not subtracted
        work.run();
        long w1 = SchedStat.waitedNanos();
        long wall = System.nanoTime() - t0;
        long c1 = SchedStat.threadCpuNanos();
        if (c0 >= 0 && c1 >= 0) {
            return Duration.ofNanos(Math.min(wall, Math.max(0, c1 - c0)));
        }
        long waited = w0 < 0 || w1 < 0 ? 0 : Math.max(0, w1 - w0);
        return Duration.ofNanos(Math.max(0, wall - waited));
    }

    /**
     * Returns the checksum every way of running the job gives.
     *
     * @return {@code units × fib(n)}, computed without recursion
     */
    public long expected() {
        long a = 0;
        long b = 1;
        for (int i = 0; i < n; i++) {
            long t = a + b;
            a = b;
            b = t;
        }
        return units * a;
    }

    /** Runs {@code count} pieces on the calling thread, recording its scheduler figures in {@code tally}. */
    private long pieces(int count, Tally tally) {
        tally.start();
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += fib(n);
        }
        tally.end();
        return sum;
    }

    /**
     * How many pieces worker {@code i} of {@code workers} gets: as even as possible.
     *
     * @param i the worker, 0-based
     * @param workers how many workers
     * @return its share of the units
     */
    int share(int i, int workers) {
        return units / workers + (i < units % workers ? 1 : 0);
    }

    /**
     * Runs the whole job on the calling thread.
     *
     * @return the run
     */
    public Run sequential() {
        Tally tally = new Tally();
        long t0 = System.nanoTime();
        return tally.finish(pieces(units, tally), t0);
    }

    /**
     * Runs the job on {@code workers} new platform threads, each computing its share of the
     * pieces, and waits for all of them.
     *
     * @param workers how many threads, at least 1
     * @return the run
     */
    public Run threads(int workers) {
        checkWorkers(workers);
        Tally tally = new Tally();
        long t0 = System.nanoTime();
        long[] sums = new long[workers];
        List<Thread> started = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            int me = i;
            int count = share(i, workers);
            started.add(Thread.ofPlatform().name("cpu-worker-" + (i + 1)).start(() -> sums[me] = pieces(count, tally)));
        }
        boolean interrupted = false;
        for (Thread t : started) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the workers ran (they have finished)");
        }
        long sum = 0;
        for (long s : sums) {
            sum += s;
        }
        return tally.finish(sum, t0);
    }

    /**
     * Runs the job on an executor: one submitted task per worker share, and waits for all.
     *
     * @param pool the executor, for instance {@code Executors.newFixedThreadPool(cores)}
     * @param workers into how many shares to split the pieces, at least 1
     * @return the run
     */
    public Run executor(ExecutorService pool, int workers) {
        Objects.requireNonNull(pool, "pool");
        checkWorkers(workers);
        Tally tally = new Tally();
        long t0 = System.nanoTime();
        List<Future<Long>> futures = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            int count = share(i, workers);
            futures.add(pool.submit(() -> pieces(count, tally)));
        }
        long sum = 0;
        try {
            for (Future<Long> f : futures) {
                sum += f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("interrupted while waiting for the pool", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a piece failed: " + e.getCause(), e.getCause());
        }
        return tally.finish(sum, t0);
    }

    /**
     * Runs the job as a parallel stream of pieces (on the common
     * {@link java.util.concurrent.ForkJoinPool}, with the calling thread helping).
     *
     * @return the run
     */
    public Run parallelStream() {
        Tally tally = new Tally();
        long t0 = System.nanoTime();
        long sum = IntStream.range(0, units).parallel().mapToLong(i -> pieces(1, tally)).sum();
        return tally.finish(sum, t0);
    }

    /**
     * Runs the job with fork/join on {@code pool}: a {@link java.util.concurrent.RecursiveTask}
     * splits the range of pieces in two, forks one half, computes the other and joins, down to
     * single pieces, which it computes directly. The pool's worker threads are tallied like any
     * other workers, so {@link SpeedUp#check} can tell a missing speed-up caused by a busy machine
     * from pieces that took turns.
     *
     * @param pool the pool, for instance {@code new ForkJoinPool(cores)}
     * @return the run
     */
    public Run forkJoin(java.util.concurrent.ForkJoinPool pool) {
        Objects.requireNonNull(pool, "pool");
        Tally tally = new Tally();
        long t0 = System.nanoTime();
        long sum = pool.invoke(new Range(0, units, tally));
        return tally.finish(sum, t0);
    }

    /** The fork/join task of {@link #forkJoin}: pieces {@code from} (inclusive) to {@code to} (exclusive). */
    private final class Range extends java.util.concurrent.RecursiveTask<Long> {
        private static final long serialVersionUID = 1L;
        private final int from;
        private final int to;
        private final transient Tally tally;

        Range(int from, int to, Tally tally) {
            this.from = from;
            this.to = to;
            this.tally = tally;
        }

        @Override
        protected Long compute() {
            if (to - from <= 1) {
                return pieces(to - from, tally); // small: compute directly
            }
            int mid = (from + to) >>> 1;
            Range left = new Range(from, mid, tally);
            left.fork(); // another worker may take it
            long right = new Range(mid, to, tally).compute(); // this worker does the other half
            return left.join() + right;
        }
    }

    private static void checkWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
    }
}
