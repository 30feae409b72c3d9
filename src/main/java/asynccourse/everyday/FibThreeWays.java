package asynccourse.everyday;

import asynccourse.examples.Fib;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chapter 04's fib with a task per call, written the everyday-Java ways: on virtual threads
 * with blocking {@link Future#get()}, and as {@link CompletableFuture}s combined with
 * {@code thenCompose}/{@code thenCombine}. Both create exactly as many tasks as
 * {@link Fib#withTasksCounted} (two per call with n &ge; 2: 176 for n = 10, 21,890 for n = 20)
 * and give the same values.
 *
 * <p>Threading: the virtual-thread versions start (and close) their own
 * {@link Executors#newVirtualThreadPerTaskExecutor()} and block the caller until the result is
 * there; the future versions run on the executor given (the common pool by default) and block
 * no thread while waiting. Cancellation: interrupting the caller of a virtual-thread version
 * interrupts its subtasks (closing the executor waits for them). Nulls: arguments must not be
 * null. Negative n is rejected with {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * Fib.Counted a = FibThreeWays.virtualThreads(10);                       // Counted[value=55, calls=176]
 * Fib.Counted b = FibThreeWays.completableFutures(10, ForkJoinPool.commonPool()).join();
 * }</pre>
 */
public final class FibThreeWays {
    private FibThreeWays() {}

    private static void check(int n) {
        if (n < 0 || n > 92) {
            throw new IllegalArgumentException("fib(n) needs 0 <= n <= 92, got n = " + n);
        }
    }

    /**
     * One virtual thread per call: each call with n &ge; 2 submits two calls and blocks on
     * their results.
     *
     * @param n 0..92
     * @return fib(n) and the number of tasks (virtual threads) created
     * @throws InterruptedException when the caller is interrupted
     */
    public static Fib.Counted virtualThreads(int n) throws InterruptedException {
        return virtualThreadsSleeping(n, Duration.ZERO);
    }

    /**
     * The same, each call first sleeping {@code sleepPerCall} with {@link Thread#sleep} (the
     * top call included): fib(n) takes about n sleeps of wall time, not one per call.
     *
     * @param n 0..92
     * @param sleepPerCall the blocking sleep at the start of every call
     * @return fib(n) and the number of tasks created
     * @throws InterruptedException when the caller is interrupted
     */
    public static Fib.Counted virtualThreadsSleeping(int n, Duration sleepPerCall) throws InterruptedException {
        check(n);
        Objects.requireNonNull(sleepPerCall, "sleepPerCall");
        AtomicLong tasks = new AtomicLong();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            long v = onThreads(n, sleepPerCall, executor, tasks);
            return new Fib.Counted(v, tasks.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException("a fib task failed", Timed.unwrap(e));
        }
    }

    private static long onThreads(int n, Duration sleep, ExecutorService executor, AtomicLong tasks)
            throws InterruptedException, ExecutionException {
        if (!sleep.isZero()) {
            Thread.sleep(sleep);
        }
        if (n < 2) {
            return n;
        }
        Future<Long> a = executor.submit(() -> onThreads(n - 1, sleep, executor, tasks));
        Future<Long> b = executor.submit(() -> onThreads(n - 2, sleep, executor, tasks));
        tasks.addAndGet(2);
        return a.get() + b.get();
    }

    /**
     * {@code CompletableFuture}s: each call with n &ge; 2 starts two calls with
     * {@code supplyAsync}, flattens each with {@code thenCompose} and adds them with
     * {@code thenCombine}. No thread waits for a result.
     *
     * @param n 0..92
     * @param executor where the calls run, e.g. {@link ForkJoinPool#commonPool()}
     * @return a future of fib(n) and the number of tasks created
     */
    public static CompletableFuture<Fib.Counted> completableFutures(int n, Executor executor) {
        check(n);
        Objects.requireNonNull(executor, "executor");
        AtomicLong tasks = new AtomicLong();
        return body(n, executor, tasks).thenApply(v -> new Fib.Counted(v, tasks.get()));
    }

    /**
     * The same, each call (the top one included) starting only {@code delayPerCall} after it
     * was asked for: a non-blocking sleep through {@link CompletableFuture#delayedExecutor}.
     *
     * @param n 0..92
     * @param delayPerCall the delay before every call
     * @param executor where the calls run
     * @return a future of fib(n) and the number of tasks created
     */
    public static CompletableFuture<Fib.Counted> completableFuturesSleeping(int n, Duration delayPerCall, Executor executor) {
        check(n);
        Objects.requireNonNull(delayPerCall, "delayPerCall");
        Objects.requireNonNull(executor, "executor");
        Executor delayed = CompletableFuture.delayedExecutor(delayPerCall.toNanos(), TimeUnit.NANOSECONDS, executor);
        AtomicLong tasks = new AtomicLong();
        return call(n, delayed, tasks).thenApply(v -> new Fib.Counted(v, tasks.get()));
    }

    private static CompletableFuture<Long> call(int n, Executor start, AtomicLong tasks) {
        return CompletableFuture.supplyAsync(() -> body(n, start, tasks), start).thenCompose(f -> f);
    }

    private static CompletableFuture<Long> body(int n, Executor start, AtomicLong tasks) {
        if (n < 2) {
            return CompletableFuture.completedFuture((long) n);
        }
        tasks.addAndGet(2);
        return call(n - 1, start, tasks).thenCombine(call(n - 2, start, tasks), Long::sum);
    }
}
